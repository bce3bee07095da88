"""The catalogue of what kstthc says is wrong: every problem and refusal code, with what it
means for the officer. Each code here is documented in README's "Mã lỗi và cảnh báo"; a code
not listed here cannot be made into a ``Problem`` (a test also reads every code the package
writes)."""

from __future__ import annotations

#: code → what it means, in the officer's words (the message at the spot says the details).
CODES: dict[str, str] = {
    # reading the files
    "file-missing": "thiếu tệp dữ liệu bắt buộc (kế hoạch, chỉ tiêu)",
    "file-empty": "tệp rỗng",
    "file-unreadable": "không đọc được tệp (quyền truy cập, liên kết vòng, bảng mã)",
    "file-is-folder": "ở chỗ tệp dữ liệu lại là một thư mục",
    "file-not-regular": "ở chỗ tệp dữ liệu là đường ống, thiết bị hay thứ khác không phải tệp",
    "file-too-large": "tệp dữ liệu lớn quá giới hạn (5 MB)",
    "folder-missing": "không có thư mục dữ liệu",
    "bad-character": "ký tự điều khiển hoặc ký tự lạ trong tệp hay trong giá trị",
    "invisible-character": "mã có ký tự ẩn (không nhìn thấy được)",
    "yaml-syntax": "lỗi cú pháp YAML (thụt lề, dấu ngoặc kép, dấu hai chấm…)",
    "yaml-tag": "thẻ YAML lạ (như !!python/…) không được phép",
    "yaml-recursive": "tham chiếu YAML (&, *) lồng nhau hoặc vòng lặp",
    "yaml-too-large": "tệp YAML lồng quá sâu hoặc quá nhiều tham chiếu",
    "yaml-key": "khóa YAML không phải chữ đơn giản",
    "duplicate-key": "một khóa ghi hai lần trong cùng một mục",
    "number-too-long": "số có quá nhiều chữ số",
    "not-a-mapping": "tệp hoặc mục phải là các cặp khóa: giá trị",
    "encoding": "tệp không phải văn bản UTF-8 (UTF-16, bảng mã cũ, ký tự NUL)",
    "tab": "thụt lề bằng phím Tab (YAML chỉ nhận dấu cách)",
    # shapes and values
    "unknown-key": "khóa không có trong mẫu tệp (gợi ý khóa gần nhất)",
    "missing-key": "thiếu khóa bắt buộc",
    "missing-field": "thiếu cột hoặc ô bắt buộc trong tệp Excel nhập vào",
    "bad-value": "giá trị sai kiểu hoặc ngoài các giá trị cho phép",
    "bad-date": "ngày không có thật hoặc viết sai dạng",
    "out-of-range": "con số ngoài khoảng cho phép",
    "negative": "số đếm âm",
    "year-mismatch": "năm trong tệp khác năm của tên tệp hay của kế hoạch",
    "duplicate-id": "hai mục cùng một mã",
    "unknown-unit": "mã đơn vị không có trong danh sách đơn vị",
    "unknown-task": "số nhiệm vụ không có trong kế hoạch",
    "unknown-indicator": "số chỉ tiêu không có trong danh sách chỉ tiêu",
    "decision-incomplete": "quyết định ban hành kế hoạch thiếu thông tin",
    "basis-after-decision": "căn cứ ghi ngày sau ngày quyết định dẫn nó",
    "district-after-2025": "kế hoạch từ 2026 còn nhắc cấp huyện (đã bỏ từ 01/07/2025)",
    # timeframes and periods
    "bad-timeframe": "không đọc được thời gian thực hiện của nhiệm vụ",
    "bad-schedule": "lịch (schedule) hoặc mốc (milestones) viết sai",
    "bad-period": "kỳ không hiểu được hoặc không thuộc nhiệm vụ",
    "period-required": "nhiệm vụ định kỳ cần ghi kỳ",
    "period-not-needed": "nhiệm vụ làm một lần không cần ghi kỳ",
    "period-not-begun": "kỳ chưa bắt đầu tại ngày xét",
    "before-period": "ngày ghi nhận trước khi kỳ bắt đầu",
    "after-as-of": "ngày ghi nhận sau ngày xét",
    "date-outside-year": "ngày ghi nhận ngoài năm kế hoạch",
    "outside-reporting-windows": "việc ghi nhận rơi ngoài mọi kỳ báo cáo của năm",
    # figures
    "wrong-measure": "chỉ tiêu tính bằng tử/mẫu số mà ghi giá trị, hoặc ngược lại",
    "missing-figure": "thiếu tử số, mẫu số hoặc giá trị",
    "numerator-above-denominator": "tử số lớn hơn mẫu số",
    "zero-denominator": "mẫu số bằng 0",
    "duplicate-figure": "một chỉ tiêu ghi hai lần cho cùng một kỳ",
    "none-with-figure": 'kỳ ghi "không phát sinh" mà vẫn có số liệu',
    "overlapping-figures": "hai kỳ của một chỉ tiêu chồng lên nhau",
    "cumulative-mismatch": "số liệu lũy kế khác tổng các kỳ nằm trong nó",
    # the one-stop system's figures (figures_N.yaml, kstthc import)
    "unbalanced-row": "một dòng của Biểu 06 không cân (3 = 4+5+6, 7 = 8+9+10, 11 = 12+13)",
    "total-mismatch": "dòng tổng khác tổng các dòng",
    "carried-over-mismatch": "cột (6) từ kỳ trước khác cột (11) đang giải quyết của kỳ trước",
    "duplicate-period": "một kỳ ghi hai lần trong tệp số liệu",
    "duplicate-row": "một lĩnh vực (cùng nguồn) ghi hai lần trong một kỳ",
    "wrong-year": "năm của tệp số liệu khác năm kế hoạch",
    "unknown-count": "tên số đếm trong công thức không có trong danh mục",
    "formula-on-value": "chỉ tiêu nhập thẳng giá trị không có công thức",
    "derived-indicator": "chỉ tiêu tính từ số liệu một cửa không nhập tay",
    # a run that stops (only in --json output: the message on stderr says the same)
    "command-line": "dòng lệnh sai (tùy chọn, kỳ, ngày, đường dẫn); mã thoát 2",
    "run-failed": "lệnh không thực hiện được (ghi bị từ chối, kho git, tệp, ổ đĩa); mã thoát 1",
    # packs (kstthc pack → kstthc rollup)
    "pack-damaged": "gói .zip của xã bị hỏng hoặc không trọn vẹn",
    "pack-altered": "gói .zip của xã bị sửa sau khi đóng gói (mã SHA-256, manifest.json)",
    "pack-unsafe": "gói .zip chứa tệp lạ, đường dẫn (../) hoặc tệp lớn quá giới hạn",
}


def known(code: str) -> bool:
    return code in CODES
