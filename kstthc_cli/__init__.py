"""kstthc: kế hoạch kiểm soát thủ tục hành chính (KSTTHC) cấp xã, từ YAML đến báo cáo."""

__version__ = "0.1.0"
