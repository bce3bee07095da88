"""A year of records on the shipped plan, made through the library API as an officer's year of
``kstthc record`` would make them, and a figures file for the four quarters (two fields, late
dossiers with their causes): what the Q2 and year reports are tested on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kstthc_cli import api
from tests.support import write

#: (task, period or None, day, status, evidence, note)
TASKS: tuple[tuple[str, str | None, str, str, str | None, str | None], ...] = (
    (
        "1",
        None,
        "2024-03-12",
        "done",
        "Quyết định số 12/QĐ-UBND ngày 12/03/2024 của Chủ tịch UBND xã Hương Trà về việc ban "
        "hành Kế hoạch kiểm soát TTHC, Kế hoạch rà soát, đánh giá TTHC năm 2024 (sau khi "
        "lấy ý kiến các ban, ngành)",
        None,
    ),
    ("3", None, "2024-04-20", "done", "Niêm yết 45 TTHC tại Bộ phận Một cửa", None),
    ("3", None, "2024-05-27", "done", "Đăng tải 12 TTHC trên Cổng thông tin điện tử xã", None),
    ("3", None, "2024-08-15", "done", "Niêm yết bổ sung 6 TTHC mới công bố", None),
    (
        "4",
        None,
        "2024-04-05",
        "done",
        "Kế hoạch số 20/KH-UBND ngày 05/04/2024 của UBND xã Hương Trà về rà soát, đánh giá "
        "TTHC năm 2024",
        "hoàn thành chậm do chờ hướng dẫn của huyện",
    ),
    ("7", None, "2024-05-10", "done", "Trả lời 1 phản ánh về thời gian chứng thực", None),
    ("10", "Q1", "2024-03-15", "done", "Báo cáo số 14/BC-UBND ngày 15/03/2024", None),
    ("10", "Q2", "2024-06-10", "in-progress", None, "đang tổng hợp phiếu đánh giá"),
    (
        "10",
        "Q2",
        "2024-06-14",
        "done",
        "Báo cáo số 30/BC-UBND ngày 14/06/2024 của UBND xã Hương Trà về kết quả đánh giá "
        "chất lượng giải quyết TTHC Quý II năm 2024",
        None,
    ),
    ("10", "Q3", "2024-09-13", "done", "Báo cáo số 45/BC-UBND ngày 13/09/2024", None),
    ("11", None, "2024-06-05", "done", "Thư xin lỗi 2 công dân do trễ hạn hồ sơ hộ tịch", None),
    (
        "16",
        None,
        "2024-05-20",
        "done",
        "Biên bản kiểm tra ngày 20/05/2024 tại Bộ phận Một cửa",
        None,
    ),
    ("17", None, "2024-10-10", "done", "Biên bản tự kiểm tra nội bộ ngày 10/10/2024", None),
    ("18", None, "2024-11-05", "done", "Tuyên truyền trên loa truyền thanh xã 12 buổi", None),
    ("19", "H1", "2024-06-12", "done", "Báo cáo số 29/BC-UBND ngày 12/06/2024", None),
    (
        "20",
        "Q1",
        "2024-03-18",
        "done",
        "Báo cáo số 15/BC-UBND ngày 18/03/2024 của UBND xã Hương Trà về tình hình, kết quả "
        "kiểm soát TTHC Quý I năm 2024",
        None,
    ),
    ("20", "Q2", "2024-06-17", "done", "Báo cáo số 31/BC-UBND ngày 17/06/2024", None),
    ("20", "Q3", "2024-09-16", "done", "Báo cáo số 46/BC-UBND ngày 16/09/2024", None),
    ("20", "Q4", "2024-12-16", "done", "Báo cáo số 60/BC-UBND ngày 16/12/2024", None),
)

#: (indicator, period, numerator, denominator, value)
INDICATORS: tuple[tuple[str, str, int | None, int | None, float | None], ...] = (
    ("1", "Q1", 25, 50, None),
    ("1", "Q2", 30, 50, None),
    ("1", "Q3", 38, 50, None),
    ("1", "Q4", 42, 50, None),
    ("9", "Q1", 1, 1, None),
    ("9", "Q3", 2, 2, None),
    ("10", "Q1", None, None, 91.0),
    ("10", "Q2", None, None, 92.5),
    ("10", "Q3", None, None, 93.0),
    ("10", "Q4", None, None, 94.0),
)

FIGURES = """
year: 2024
periods:
  - period: "Q1"
    dossiers:
      - field: "Hộ tịch"
        received: {total: 60, online: 30, direct: 25, carried_over: 5}
        resolved: {total: 55, early: 10, on_time: 43, late: 2}
        in_progress: {total: 5, within: 5, overdue: 0}
      - field: "Chứng thực"
        received: {total: 40, online: 10, direct: 30, carried_over: 0}
        resolved: {total: 40, early: 5, on_time: 35, late: 0}
        in_progress: {total: 0, within: 0, overdue: 0}
    complaints:
      received: 1
      in_competence: 1
      handled: 1
      on_time: 1
      in_progress: 0
      published: 1
    procedures:
      in_competence: 120
      published: 120
      posted: 120
      at_one_stop: 118
      online_full: 60
      online_partial: 40
    egov:
      digitised_inputs: 70
      electronic_results: 60
      paper_result_dossiers: 80
      reused_data: 30
      with_fee: 40
      paid_online: 18
    late_dossiers:
      - code: "000.00.20.H55-240110-0001"
        field: "Hộ tịch"
        procedure: "Đăng ký khai sinh có yếu tố nước ngoài"
        received: "2024-01-10"
        due: "2024-01-20"
        finished: "2024-01-25"
        cause: "chờ kết quả xác minh của cơ quan khác"
      - code: "000.00.20.H55-240201-0003"
        field: "Hộ tịch"
        procedure: "Cấp bản sao trích lục hộ tịch"
        received: "2024-02-01"
        due: "2024-02-02"
        finished: "2024-02-05"
        cause: "công chức nghỉ Tết, chưa bàn giao hồ sơ"
  - period: "Q2"
    dossiers:
      - field: "Hộ tịch"
        received: {total: 70, online: 40, direct: 25, carried_over: 5}
        resolved: {total: 66, early: 12, on_time: 52, late: 2}
        in_progress: {total: 4, within: 3, overdue: 1}
      - field: "Chứng thực"
        received: {total: 50, online: 20, direct: 30, carried_over: 0}
        resolved: {total: 50, early: 10, on_time: 40, late: 0}
        in_progress: {total: 0, within: 0, overdue: 0}
    complaints: {received: 0}
    procedures:
      in_competence: 121
      published: 121
      posted: 121
      at_one_stop: 119
      online_full: 62
      online_partial: 40
    egov:
      digitised_inputs: 80
      electronic_results: 70
      paper_result_dossiers: 85
      reused_data: 40
      with_fee: 45
      paid_online: 25
    late_dossiers:
      - code: "000.00.20.H55-240402-0007"
        field: "Hộ tịch"
        procedure: "Đăng ký kết hôn"
        received: "2024-04-02"
        due: "2024-04-05"
        finished: "2024-04-09"
        cause: "chờ kết quả xác minh của cơ quan khác"
      - code: "000.00.20.H55-240520-0011"
        field: "Hộ tịch"
        procedure: "Đăng ký khai tử"
        received: "2024-05-20"
        due: "2024-05-21"
        finished: "2024-05-23"
        cause: "hồ sơ phải bổ sung giấy tờ"
      - code: "000.00.20.H55-240605-0015"
        field: "Hộ tịch"
        procedure: "Đăng ký nhận cha, mẹ, con"
        received: "2024-06-05"
        due: "2024-06-10"
        cause: "chờ kết quả xác minh của cơ quan khác"
  - period: "Q3"
    dossiers:
      - field: "Hộ tịch"
        received: {total: 64, online: 35, direct: 25, carried_over: 4}
        resolved: {total: 60, early: 10, on_time: 50, late: 0}
        in_progress: {total: 4, within: 4, overdue: 0}
      - field: "Chứng thực"
        received: {total: 45, online: 15, direct: 30, carried_over: 0}
        resolved: {total: 45, early: 5, on_time: 40, late: 0}
        in_progress: {total: 0, within: 0, overdue: 0}
    complaints:
      received: 2
      in_competence: 2
      handled: 2
      on_time: 2
      in_progress: 0
      published: 2
    procedures:
      in_competence: 121
      published: 121
      posted: 121
      at_one_stop: 119
      online_full: 64
      online_partial: 40
    egov:
      digitised_inputs: 75
      electronic_results: 70
      paper_result_dossiers: 80
      reused_data: 45
      with_fee: 40
      paid_online: 26
  - period: "Q4"
    dossiers:
      - field: "Hộ tịch"
        received: {total: 74, online: 40, direct: 30, carried_over: 4}
        resolved: {total: 72, early: 12, on_time: 59, late: 1}
        in_progress: {total: 2, within: 2, overdue: 0}
      - field: "Chứng thực"
        received: {total: 55, online: 25, direct: 30, carried_over: 0}
        resolved: {total: 55, early: 10, on_time: 45, late: 0}
        in_progress: {total: 0, within: 0, overdue: 0}
    complaints: {received: 0}
    procedures:
      in_competence: 122
      published: 122
      posted: 122
      at_one_stop: 120
      online_full: 66
      online_partial: 40
    egov:
      digitised_inputs: 90
      electronic_results: 85
      paper_result_dossiers: 95
      reused_data: 55
      with_fee: 50
      paid_online: 32
    late_dossiers:
      - code: "000.00.20.H55-241015-0021"
        field: "Hộ tịch"
        procedure: "Đăng ký khai sinh"
        received: "2024-10-15"
        due: "2024-10-16"
        finished: "2024-10-18"
        cause: "lỗi kết nối Hệ thống thông tin giải quyết TTHC của tỉnh"
"""


def year_of_records(ws: Path) -> Path:
    """The figures file, then every record of ``TASKS`` and ``INDICATORS`` through the API,
    each made on its own day (as the officer would, never in the future)."""
    write(ws / "figures_2024.yaml", FIGURES)
    for task, period, day, status, evidence, note in TASKS:
        when = date.fromisoformat(day)
        api.record_task(
            data=ws,
            task=task,
            period=None if period is None else api.PeriodId(period),
            status=api.Progress(status),
            day=when,
            evidence=evidence,
            note=note,
            as_of=when,
            commit=False,
        )
    for ind, period, num, den, value in INDICATORS:
        last = {"Q1": "2024-03-15", "Q2": "2024-06-15", "Q3": "2024-09-15", "Q4": "2024-12-15"}
        api.record_indicator(
            data=ws,
            indicator=ind,
            period=api.PeriodId(period),
            numerator=num,
            denominator=den,
            value=value,
            as_of=date.fromisoformat(last[period]),
            commit=False,
        )
    return ws
