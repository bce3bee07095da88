"""The catalogue of what kstthc says is wrong: every problem and refusal code, with what it
means for the officer, and the words said at the spot (``MESSAGES``: a message and a hint,
templates filled in with the finding's fields). Each code here is documented in README's
"Mã lỗi và cảnh báo"; a code not listed here cannot be made into a ``Problem`` (a test also
reads every code the package writes, and every template's fields where it is used).

The rules (``rules/``), the readers of ``load/``, ``write/``, ``osfiles`` and ``api`` say all
they find through ``said``; a ``Problem`` or ``KstthcError`` made from it keeps its key
(``tests/test_messages.py`` lists the modules still writing their own words)."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

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
    "unknown-indicator-code": "mã chỉ tiêu không có trong danh mục chỉ tiêu quốc gia",
    "duplicate-indicator-code": "hai chỉ tiêu cùng một mã danh mục",
    "indicator-code-mismatch": "chỉ tiêu khác danh mục về cách đo hoặc đơn vị (không gộp được)",
    "bad-aggregate": "cách cộng qua các kỳ (aggregate) không hợp với cách đo",
    "rollup-left-out": "chỉ tiêu của một xã không gộp được với các xã khác",
    "decision-incomplete": "quyết định ban hành kế hoạch thiếu thông tin",
    "basis-after-decision": "căn cứ ghi ngày sau ngày quyết định dẫn nó",
    "district-after-2025": "kế hoạch từ 2026 còn nhắc cấp huyện (đã bỏ từ 01/07/2025)",
    "to-confirm": "giá trị kstthc init điền sẵn hay đọc chưa chắc từ tệp Word, chưa được xác "
    "nhận (to_confirm)",
    "unread-left": "nhiệm vụ, chỉ tiêu kstthc init chưa đọc được từ tệp Word, còn là ghi chú "
    "(CHƯA ĐỌC ĐƯỢC)",
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
    "unreported-completion": "việc đã xong mà không báo cáo nào của năm lập đúng hạn ghi nhận",
    # figures
    "wrong-measure": "chỉ tiêu tính bằng tử/mẫu số mà ghi giá trị, hoặc ngược lại",
    "missing-figure": "thiếu tử số, mẫu số hoặc giá trị",
    "numerator-above-denominator": "tử số lớn hơn mẫu số",
    "zero-denominator": "mẫu số bằng 0",
    "duplicate-figure": "một chỉ tiêu ghi hai lần cho cùng một kỳ",
    "duplicate-done": "một nhiệm vụ ghi đã xong hai lần cho cùng một kỳ (hoặc cùng một lần làm)",
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
    "formula": "ô của tệp Excel nhập vào là công thức (kstthc không tính công thức)",
    "excel-error": "ô của tệp Excel nhập vào báo lỗi của Excel (#DIV/0!, #REF!…)",
    "form-changed": "cột Tên của mẫu nhập số liệu bị sửa",
    "unknown-header": "tiêu đề một cột của Biểu 06 không như biểu chuẩn",
    "no-window": 'tệp Biểu 06 không có dòng "(Từ ngày … đến ngày …)" và không được cho biết kỳ',
    "not-a-period": "khoảng ngày của biểu không phải một kỳ báo cáo",
    "missing-date": "hồ sơ trong danh sách thiếu ngày nhận hoặc ngày kết thúc",
    "duplicate-dossier": "một mã hồ sơ ghi hai lần trong danh sách hồ sơ",
    "dates-out-of-order": "hồ sơ có ngày hẹn trả hoặc ngày kết thúc trước ngày nhận",
    # the plan decision's Word file (init --from-docx)
    "docx-unreadable": "tệp không mở được như một tệp Word (.docx)",
    "docx-no-plan-table": "tệp Word không có bảng kế hoạch (STT, nội dung, thời gian…)",
    "docx-no-indicator-table": "tệp Word không có bảng chỉ tiêu của Phụ lục",
    "docx-no-section": "nhiệm vụ nằm trước mục đầu tiên (I, II…) của bảng kế hoạch",
    "docx-unread-row": "một dòng của bảng trong tệp Word không phải mục, nhiệm vụ hay chỉ tiêu",
    "docx-unread-cell": "một ô cần có của bảng trong tệp Word bị trống hoặc không đọc được",
    "unit-to-confirm": "đơn vị đọc từ tệp Word không có trong danh sách đã biết, cần xác nhận",
    "target-to-confirm": "chỉ tiêu viết bằng lời chưa tính được thành con số, cần xác nhận",
    # a run that stops (only in --json output: the message on stderr says the same)
    "command-line": "dòng lệnh sai (tùy chọn, kỳ, ngày, đường dẫn); mã thoát 2",
    "run-failed": "lệnh không thực hiện được (ghi bị từ chối, kho git, tệp, ổ đĩa); mã thoát 1",
    # packs (kstthc pack → kstthc rollup)
    "pack-damaged": "gói .zip của xã bị hỏng hoặc không trọn vẹn",
    "pack-altered": "gói .zip của xã bị sửa sau khi đóng gói (mã SHA-256, manifest.json)",
    "pack-unsafe": "gói .zip chứa tệp lạ, đường dẫn (../) hoặc tệp lớn quá giới hạn",
}


#: The first part of the key of a failure's message (an ``errors.KstthcError``: no problem in a
#: data file, so no code of its own), saying what kind of failure it is.
FAILURES: dict[str, str] = {
    "usage": "lệnh gõ sai (năm, kỳ, thư mục…): không làm gì (mã thoát 2)",
    "refused": "việc ghi bị từ chối: không tệp nào bị thay đổi",
    "failed": "không làm được việc được yêu cầu",
}


def known(code: str) -> bool:
    return code in CODES


#: key → (message, hint), ``str.format`` templates. A key is a code, or ``code/variant`` where
#: one code is said in several ways; ``said`` fills one in. Dates take a format
#: (``{day:%d/%m/%Y}``); every other field is given as it is printed.
MESSAGES: dict[str, tuple[str, str]] = {
    # ids and references (plan, indicators)
    "duplicate-id": (
        "Mã {what} '{value}' bị trùng (đã dùng ở dòng {line}).",
        "Mỗi mã chỉ được dùng một lần; đổi một trong hai mã.",
    ),
    "unknown-unit": (
        "Đơn vị '{unit}' không có trong danh sách units của plan_{year}.yaml.",
        "Thêm đơn vị vào mục units hoặc sửa lại mã.",
    ),
    "unknown-unit/near": (
        "Đơn vị '{unit}' không có trong danh sách units của plan_{year}.yaml.",
        "Có phải ý bạn là '{near}'?",
    ),
    "year-mismatch": (
        "Tệp plan_{year}.yaml ghi năm {written}.",
        "Sửa 'year: {year}' hoặc đổi tên tệp.",
    ),
    "year-mismatch/data": ("Tệp {name}_{year}.yaml ghi năm {written}.", "Sửa 'year: {year}'."),
    # timeframes and milestones
    "bad-schedule": (
        "Không hiểu lịch '{item}' của nhiệm vụ {task}.",
        "Dùng một cách viết kstthc hiểu, gần nhất là '{nearest}' (xem README).",
    ),
    "bad-schedule/reason": ("Không hiểu lịch '{item}' của nhiệm vụ {task}: {reason}.", "{hint}"),
    "bad-timeframe": (
        "Không đọc được thời gian thực hiện '{timeframe}' của nhiệm vụ {task}.",
        "{hint}",
    ),
    "bad-timeframe/reason": (
        "Không đọc được thời gian thực hiện '{timeframe}' của nhiệm vụ {task}: {reason}.",
        "{hint}",
    ),
    "date-outside-year/milestone": (
        "Mốc ngày {day:%d/%m/%Y} nằm ngoài năm kế hoạch {year}.",
        "Kiểm tra lại năm của mốc.",
    ),
    # the decision and whom it names
    "decision-incomplete": (
        "Chưa điền {missing} của quyết định ban hành kế hoạch.",
        'Điền khi quyết định được ký (ví dụ number: "27/QĐ-UBND", date: "2025-03-06").',
    ),
    "basis-after-decision": (
        "Căn cứ '{basis}' ngày {day:%d/%m/%Y} có sau ngày quyết định {decided:%d/%m/%Y} đã "
        "viện dẫn nó.",
        "Kiểm tra ngày của quyết định (decision.date) hoặc ngày của căn cứ; nếu văn bản gốc in "
        "như vậy thì giữ nguyên.",
    ),
    "district-after-2025": (
        "Từ {ended:%d/%m/%Y} không còn cấp huyện (Nghị quyết 203/2025/QH15), nhưng kế hoạch "
        "năm {year} còn ghi '{value}'.",
        "Xã báo cáo lên tỉnh: sửa thành cơ quan cấp tỉnh nhận báo cáo (ví dụ 'Văn phòng UBND "
        "tỉnh …'), hoặc xóa dòng này nếu không còn cần.",
    ),
    "to-confirm": (
        "{where} do kstthc init điền sẵn, chưa được xác nhận.",
        "Đối chiếu với văn bản của xã, sửa nếu cần, rồi xóa '{key}' khỏi to_confirm của mục này.",
    ),
    "to-confirm/not-a-list": (
        "'to_confirm' phải là danh sách tên khóa của mục này.",
        'Ví dụ: to_confirm: ["due_day"]; đã xác nhận hết thì xóa cả dòng.',
    ),
    "to-confirm/no-such-key": (
        "'to_confirm' ghi '{key}' nhưng mục này không có khóa '{key}'.",
        "Xóa '{key}' khỏi to_confirm.",
    ),
    # task records
    "unknown-task": (
        "Không có nhiệm vụ số '{task}' trong kế hoạch năm {year}.",
        "Xem danh sách nhiệm vụ bằng lệnh: kstthc tasks",
    ),
    "unknown-task/near": (
        "Không có nhiệm vụ số '{task}' trong kế hoạch năm {year}. Có phải ý bạn là '{near}'?",
        "Xem danh sách nhiệm vụ bằng lệnh: kstthc tasks",
    ),
    "date-outside-year": (
        "Ngày {day:%d/%m/%Y} nằm ngoài năm kế hoạch {year}.",
        "Ngày thực hiện phải từ 01/12/{before} đến 31/03/{after}; kiểm tra lại ngày.",
    ),
    "after-as-of": (
        "Ngày {day:%d/%m/%Y} còn ở sau ngày xét {as_of:%d/%m/%Y}: chưa thể ghi là đã làm.",
        "Kiểm tra ngày thực hiện, hoặc ngày xét.",
    ),
    "period-not-begun": (
        "Kỳ {label} (từ {start:%d/%m/%Y}) chưa bắt đầu tính đến ngày {as_of:%d/%m/%Y}: chưa "
        "thể ghi việc của kỳ này.",
        "Kiểm tra kỳ (period), hoặc ngày xét.",
    ),
    "period-not-begun/figure": (
        "Kỳ {label} (từ {start:%d/%m/%Y}) chưa bắt đầu tính đến ngày {as_of:%d/%m/%Y}: chưa "
        "thể có số liệu.",
        "Kiểm tra kỳ (period), hoặc ngày xét.",
    ),
    "before-period": (
        "Ngày {day:%d/%m/%Y} còn trước khi kỳ {label} bắt đầu ({start:%d/%m/%Y}): việc của kỳ "
        "này chưa thể làm vào ngày đó.",
        "Kiểm tra ngày, hoặc kỳ (period) của bản ghi.",
    ),
    "outside-reporting-windows": (
        "Ngày {day:%d/%m/%Y} nằm ngoài các kỳ báo cáo năm {year} (số liệu tính từ "
        "{start:%d/%m/%Y} đến {end:%d/%m/%Y}): hoạt động này không được tính vào kỳ nào của "
        "năm.",
        "Nếu là hoạt động của {which}, ghi vào tệp actuals_{other}.yaml (kế hoạch năm {other}); "
        "nếu nhầm ngày, sửa lại ngày.",
    ),
    "year-mismatch/starts": (
        "Ngày bắt đầu của kế hoạch ({starts:%d/%m/%Y}) không thuộc năm {year}.",
        "Ghi một ngày của năm {year}, ví dụ starts: {year}-07-01; kế hoạch áp dụng cả năm thì "
        "bỏ dòng starts.",
    ),
    "unreported-completion/late": (
        "Nhiệm vụ {task} hoàn thành ngày {day:%d/%m/%Y}, sau hạn của báo cáo cuối cùng trong "
        "năm ({last:%d/%m/%Y}): không báo cáo nào của năm {year} lập đúng hạn ghi nhận việc này.",
        "Báo cáo năm xét tại ngày {day:%d/%m/%Y} (hoặc ngày muộn hơn) ghi việc này là hoàn thành "
        "sau ngày chốt số liệu; nếu là việc của năm sau, ghi vào tệp actuals_{next}.yaml.",
    ),
    "unreported-completion/early": (
        "Nhiệm vụ {task} hoàn thành ngày {day:%d/%m/%Y}, trước kỳ báo cáo đầu tiên của năm (từ "
        "{start:%d/%m/%Y}): không báo cáo nào của năm {year} lập đúng hạn ghi nhận việc này.",
        "Nếu là hoạt động của năm trước, ghi vào tệp actuals_{before}.yaml (kế hoạch năm "
        "{before}); nếu nhầm ngày, sửa lại ngày.",
    ),
    "period-required": (
        "{named} phải nộp nhiều lần: cần cho biết kỳ nào.",
        "Ghi kỳ (period), một trong: {choices}.",
    ),
    "period-not-needed": (
        "{named} chỉ thực hiện một lần, không theo kỳ.",
        "Xóa dòng period của bản ghi.",
    ),
    "bad-period/one-off": (
        "{named} chỉ thực hiện một lần, không theo kỳ.",
        "Xóa dòng period của bản ghi.",
    ),
    "bad-period/task": ("{named} không có kỳ '{period}'.", "Các kỳ của nhiệm vụ này: {choices}."),
    "bad-period/task-without-periods": (
        "{named} không có kỳ '{period}'.",
        "Nhiệm vụ này không theo kỳ: xóa dòng period.",
    ),
    # indicator records
    "unknown-indicator": (
        "Không có chỉ tiêu số '{indicator}' trong indicators_{year}.yaml.",
        "Các chỉ tiêu: {listed}.",
    ),
    "unknown-indicator/near": (
        "Không có chỉ tiêu số '{indicator}' trong indicators_{year}.yaml. Có phải ý bạn là "
        "'{near}'?",
        "Các chỉ tiêu: {listed}.",
    ),
    "bad-period": ("Không hiểu kỳ '{period}'.", "Viết một trong: {forms}."),
    "bad-period/other-year": (
        "Kỳ '{period}' thuộc năm {other}, không phải năm kế hoạch {year}.",
        "Ghi số liệu năm {other} vào tệp actuals_{other}.yaml.",
    ),
    "duplicate-done": (
        "Nhiệm vụ {task}{label} đã có bản ghi đã xong ở dòng {line} (ngày {first:%d/%m/%Y}); "
        "bản ghi này ghi xong lần nữa (ngày {day:%d/%m/%Y}), kstthc tính theo bản ghi sau.",
        "Giữ một bản ghi đã xong cho mỗi kỳ: xóa bản ghi thừa (kstthc record … thay bản ghi "
        "cũ thay vì ghi thêm).",
    ),
    "duplicate-figure": (
        "Chỉ tiêu {indicator} đã có số liệu kỳ {label} ở dòng {line}.",
        "Giữ một bản ghi cho mỗi chỉ tiêu và kỳ (kstthc record sẽ thay thế).",
    ),
    "cumulative-mismatch": (
        "Chỉ tiêu {indicator} kỳ {label} ghi {figure}, nhưng cộng các kỳ trong đó ({parts}) "
        "được {total}; lũy kế dùng số của {label}.",
        "Sửa cho khớp, hoặc xóa bản ghi không đúng.",
    ),
    "cumulative-mismatch/below": (
        "Chỉ tiêu {indicator} kỳ {label} ghi {figure}, nhỏ hơn tổng các kỳ đã ghi nằm trong nó "
        "({parts}: {total}); lũy kế dùng số của {label}.",
        "Sửa cho khớp, hoặc xóa bản ghi không đúng.",
    ),
    "overlapping-figures": (
        "Chỉ tiêu {indicator} có số liệu {first} và {second}, hai kỳ chồng lên nhau; lũy kế chỉ "
        "dùng được một trong hai.",
        "Giữ số liệu các kỳ không chồng nhau (ví dụ các quý), xóa bản ghi thừa.",
    ),
    # a figure (check and record alike)
    "none-with-figure": (
        "Kỳ ghi là không phát sinh (none: true) nhưng lại có số liệu.",
        "Bỏ none: true, hoặc bỏ số liệu của kỳ này.",
    ),
    "wrong-measure": (
        "Chỉ tiêu này nhập thẳng giá trị (value), không dùng tử số/mẫu số.",
        "Ghi value, ví dụ value: 92.5.",
    ),
    "wrong-measure/ratio": (
        "Chỉ tiêu này tính bằng tử số/mẫu số, không nhập thẳng tỷ lệ.",
        "Ghi numerator (tử số) và denominator (mẫu số).",
    ),
    "missing-figure": ("Thiếu giá trị (value).", "Ví dụ: value: 92.5."),
    "missing-figure/ratio": (
        "Cần cả tử số (numerator) và mẫu số (denominator).",
        "Ví dụ: numerator: 40, denominator: 80.",
    ),
    "zero-denominator": (
        "Mẫu số bằng 0: kỳ này không có số liệu để tính tỷ lệ.",
        "Kỳ không phát sinh hồ sơ thì đừng ghi số liệu (sẽ hiện là chưa có số liệu).",
    ),
    "numerator-above-denominator": (
        "Tử số {numerator} lớn hơn mẫu số {denominator}.",
        "Tử số là phần được đếm trong tổng số, nên không thể lớn hơn mẫu số.",
    ),
    "out-of-range": (
        "Tỷ lệ {value} nằm ngoài khoảng 0–100 %.",
        "Ghi tỷ lệ phần trăm, ví dụ 92.5.",
    ),
    "out-of-range/negative": ("Số {value} {unit} là số âm.", "Ghi số đã đếm được, ví dụ 2."),
    "out-of-range/over-100": (
        "{what} của chỉ tiêu {indicator} là {value} %, quá 100 %.",
        "Tỷ lệ phần trăm nằm trong 0–100; kiểm tra lại số (có thể gõ thừa).",
    ),
    # indicators against the national catalogue
    "unknown-indicator-code": (
        "Mã '{given}' của chỉ tiêu {indicator} không có trong danh mục chỉ tiêu quốc gia.",
        "Xem danh mục trong README (mục Mã chỉ tiêu), hoặc bỏ dòng code.",
    ),
    "unknown-indicator-code/near": (
        "Mã '{given}' của chỉ tiêu {indicator} không có trong danh mục chỉ tiêu quốc gia.",
        "Có phải ý bạn là '{near}'? Xem danh mục trong README (mục Mã chỉ tiêu), hoặc bỏ dòng "
        "code.",
    ),
    "duplicate-indicator-code": (
        "Mã '{given}' của chỉ tiêu {indicator} đã dùng cho chỉ tiêu {other} (dòng {line}).",
        "Mỗi mã danh mục chỉ dùng cho một chỉ tiêu; sửa hoặc bỏ một trong hai.",
    ),
    "indicator-code-mismatch/measure": (
        "Chỉ tiêu {indicator} (mã '{given}') có cách đo '{mine}', danh mục ghi '{theirs}': khi "
        "tổng hợp nhiều xã, chỉ tiêu này không được gộp.",
        "Sửa cho giống danh mục, hoặc bỏ mã nếu đây là chỉ tiêu khác.",
    ),
    "indicator-code-mismatch/unit": (
        "Chỉ tiêu {indicator} (mã '{given}') có đơn vị '{mine}', danh mục ghi '{theirs}': khi "
        "tổng hợp nhiều xã, chỉ tiêu này không được gộp.",
        "Sửa cho giống danh mục, hoặc bỏ mã nếu đây là chỉ tiêu khác.",
    ),
    "bad-aggregate": (
        "Chỉ tiêu {indicator} nhập thẳng giá trị nên không có tử số, mẫu số để cộng "
        "(aggregate: ratio).",
        'Bỏ aggregate, hoặc ghi "ratio" cho chỉ tiêu tử số/mẫu số; "sum" (cộng các kỳ) hay '
        '"latest" (lấy kỳ gần nhất) cho chỉ tiêu nhập thẳng giá trị.',
    ),
    "bad-aggregate/ratio": (
        "Chỉ tiêu {indicator} tính bằng tử số/mẫu số chỉ cộng qua các kỳ bằng Σ tử số / Σ mẫu số.",
        'Bỏ aggregate, hoặc ghi "ratio" cho chỉ tiêu tử số/mẫu số; "sum" (cộng các kỳ) hay '
        '"latest" (lấy kỳ gần nhất) cho chỉ tiêu nhập thẳng giá trị.',
    ),
    # the one-stop system's figures (figures_N.yaml; a workbook imported says the same)
    "wrong-year": (
        "Tệp số liệu ghi năm {written}, khác năm kế hoạch {year}.",
        "Sửa thành year: {year}, hoặc đổi tên tệp theo năm của số liệu.",
    ),
    "bad-period/figures": (
        "Không hiểu kỳ '{period}' (hoặc kỳ đó không thuộc năm {year}).",
        "Các cách viết được chấp nhận: {forms}.",
    ),
    "duplicate-period": (
        "Kỳ {label} đã có số liệu ở dòng {line}.",
        "Mỗi kỳ chỉ ghi một lần; gộp hai khối hoặc xóa một khối.",
    ),
    "duplicate-row": (
        "Lĩnh vực '{field}' đã có ở dòng {line}.",
        "Mỗi lĩnh vực (theo từng nguồn) một dòng; cộng hai dòng lại.",
    ),
    "duplicate-row/source": (
        "Lĩnh vực '{field}' (nguồn '{source}') đã có ở dòng {line}.",
        "Mỗi lĩnh vực (theo từng nguồn) một dòng; cộng hai dòng lại.",
    ),
    "unbalanced-row": (
        "Lĩnh vực '{field}': {column} ghi {shown} nhưng theo {rule} phải là {expected}.",
        "Kiểm tra lại số liệu xuất từ hệ thống; nếu số liệu của hệ thống đúng là vậy, ghi lý do "
        "vào 'explanation' của dòng này.",
    ),
    "unbalanced-row/explained": (
        "Lĩnh vực '{field}': {column} ghi {shown} nhưng theo {rule} phải là {expected}. Đã có "
        "giải thích: “{explanation}”.",
        "Kiểm tra lại số liệu xuất từ hệ thống; nếu số liệu của hệ thống đúng là vậy, ghi lý do "
        "vào 'explanation' của dòng này.",
    ),
    "unbalanced-row/workbook": (
        "Lĩnh vực '{field}': {column} ghi {shown} nhưng theo {rule} phải là {expected}.",
        "Kiểm tra lại số liệu xuất từ hệ thống; nếu số liệu của hệ thống đúng là vậy, ghi lý do "
        "vào cột Giải thích của dòng này.",
    ),
    "unbalanced-row/workbook-explained": (
        "Lĩnh vực '{field}': {column} ghi {shown} nhưng theo {rule} phải là {expected}. Đã có "
        "giải thích: “{explanation}”.",
        "Dòng được nhận kèm lời giải thích; lời giải thích hiện trong phụ lục số liệu của báo cáo.",
    ),
    "total-mismatch": (
        "Dòng '{field}': {column} ghi {shown} nhưng cộng các lĩnh vực được {expected}.",
        "Sửa dòng tổng cho bằng tổng các dòng, hoặc xóa dòng tổng (kstthc tự cộng).",
    ),
    "total-mismatch/explained": (
        "Dòng '{field}': {column} ghi {shown} nhưng cộng các lĩnh vực được {expected}. Đã có giải "
        "thích: “{explanation}”.",
        "Sửa dòng tổng cho bằng tổng các dòng, hoặc xóa dòng tổng (kstthc tự cộng).",
    ),
    "carried-over-mismatch": (
        "Lĩnh vực '{field}': {label} ghi {carried} hồ sơ từ kỳ trước, nhưng cuối {before} còn "
        "{was} hồ sơ đang giải quyết.",
        "Cột (6) của kỳ này phải bằng cột (11) của kỳ trước; kiểm tra lại một trong hai, hoặc ghi "
        "lý do vào 'explanation'.",
    ),
    "carried-over-mismatch/explained": (
        "Lĩnh vực '{field}': {label} ghi {carried} hồ sơ từ kỳ trước, nhưng cuối {before} còn "
        "{was} hồ sơ đang giải quyết. Đã có giải thích: “{explanation}”.",
        "Cột (6) của kỳ này phải bằng cột (11) của kỳ trước; kiểm tra lại một trong hai, hoặc ghi "
        "lý do vào 'explanation'.",
    ),
    "formula-on-value": (
        "Chỉ tiêu {indicator} nhập thẳng giá trị (measure: value) nên không có công thức.",
        'Bỏ formula, hoặc đổi thành measure: "ratio".',
    ),
    "unknown-count": (
        "Chỉ tiêu {indicator}: '{name}' không phải tên một số đếm.",
        "Xem danh sách tên số đếm trong README (mục Số liệu).",
    ),
    "unknown-count/near": (
        "Chỉ tiêu {indicator}: '{name}' không phải tên một số đếm.",
        "Có phải ý bạn là '{near}'?",
    ),
    "derived-indicator": (
        "Chỉ tiêu {indicator} được tính từ số liệu figures_{year}.yaml ({numerator} / "
        "{denominator}) đã có cho {label}; không nhập tay số liệu này.",
        "Xóa bản ghi này; sửa số liệu trong tệp số liệu (hoặc kstthc import) nếu cần.",
    ),
    # reading a YAML file (load/yamlio)
    "file-missing/pack": (
        "Không tìm thấy tệp.",
        "Gói không có tệp này; ở xã, chạy lại 'kstthc pack' để làm gói mới.",
    ),
    "file-missing": (
        "Không tìm thấy tệp.",
        "Kiểm tra lại đường dẫn, hoặc chỉ tới đúng thư mục dữ liệu.",
    ),
    "encoding/utf-16": (
        "Tệp được lưu với bảng mã UTF-16, không phải UTF-8.",
        "Mở tệp bằng Notepad, chọn Lưu thành (Save As) với Encoding là UTF-8.",
    ),
    "encoding": (
        "Tệp không phải UTF-8 (có lẽ đã lưu bằng bảng mã Windows-1258 hoặc TCVN3).",
        "Mở tệp bằng Notepad, chọn Lưu thành (Save As) với Encoding là UTF-8.",
    ),
    "encoding/nul": (
        "Tệp chứa ký tự NUL: đây không phải tệp văn bản YAML.",
        "",
    ),
    "file-empty": (
        "Tệp rỗng: không có dữ liệu nào.",
        "Khôi phục tệp từ git (git checkout -- <tệp>) hoặc điền nội dung theo README.",
    ),
    "yaml-syntax/unreadable": (
        "Không đọc được cú pháp YAML của tệp.",
        "",
    ),
    "tab": (
        "Dòng này thụt lề bằng phím Tab; YAML chỉ cho phép dấu cách.",
        "Thay mỗi Tab ở đầu dòng bằng dấu cách cho thẳng hàng với các dòng cùng cấp.",
    ),
    "yaml-syntax/block-scalar": (
        "Giá trị bắt đầu bằng '>' hoặc '|' bị YAML hiểu là đoạn văn nhiều dòng.",
        'Đặt cả giá trị trong ngoặc kép, ví dụ: target: ">= 80%".',
    ),
    "yaml-syntax/special-start": (
        "Giá trị bắt đầu bằng một ký tự đặc biệt của YAML (như %, @, `, >, |).",
        'Đặt cả giá trị trong ngoặc kép, ví dụ: note: "% hồ sơ trực tuyến".',
    ),
    "yaml-syntax/colon": (
        "Có dấu ':' ở chỗ YAML không chờ một khóa mới.",
        "Nếu đây là khóa mới, căn thẳng với các khóa cùng cấp; nếu là giá trị có dấu ':', đặt cả "
        'giá trị trong ngoặc kép, ví dụ: evidence: "Báo cáo số 15: ...".',
    ),
    "yaml-syntax/alias": (
        "Tham chiếu '*...' tới một neo '&...' không có.",
        "Xóa dấu '*' hoặc khai báo neo tương ứng; nếu là văn bản, đặt trong ngoặc kép.",
    ),
    "yaml-syntax/documents": (
        "Tệp chứa nhiều tài liệu YAML (có nhiều dòng '---').",
        "Mỗi tệp chỉ được có một tài liệu: xóa dòng '---' thừa.",
    ),
    "yaml-syntax/end": (
        "Tệp kết thúc giữa chừng (thiếu dấu ngoặc kép hoặc ngoặc đóng).",
        "Kiểm tra dấu ngoặc kép/ngoặc vuông đóng ở dòng được chỉ ra hoặc trước đó.",
    ),
    "yaml-syntax/escape-general": (
        "Trong ngoặc kép, dấu '\\' phải đi với một ký tự hợp lệ.",
        "Dùng ngoặc đơn '...' hoặc viết '\\\\' thay cho '\\'.",
    ),
    "yaml-syntax/no-colon": (
        "Thiếu dấu ':' sau tên khóa, hoặc một dòng văn bản bị xuống dòng sai chỗ.",
        "Viết 'khóa: giá trị' trên một dòng, hoặc đặt văn bản dài trong ngoặc kép.",
    ),
    "yaml-syntax/indent": (
        "Thụt lề không thẳng hàng: dòng này không khớp với các dòng cùng cấp phía trên.",
        "Căn dòng này thẳng với các khóa cùng cấp (dùng đúng số dấu cách).",
    ),
    "yaml-syntax/indent-key": (
        "Thụt lề không thẳng hàng: dòng này không khớp với các dòng cùng cấp phía trên.",
        "Căn dòng này thẳng với các khóa cùng cấp (dùng đúng số dấu cách).",
    ),
    "yaml-syntax/list": (
        "Danh sách bị lẫn: mỗi mục danh sách phải bắt đầu bằng '- ' cùng cột.",
        "Căn các dòng '- ' của danh sách thẳng cột với nhau.",
    ),
    "yaml-syntax/directive": (
        "Dòng bắt đầu bằng '%' bị YAML hiểu là một chỉ thị (directive).",
        'Văn bản bắt đầu bằng % hãy đặt trong ngoặc kép, ví dụ: note: "% hồ sơ".',
    ),
    "yaml-syntax/depth": (
        "Các khối lồng vào nhau quá sâu.",
        "Dữ liệu của kstthc chỉ lồng vài cấp; kiểm tra thụt lề và dấu ngoặc [ {{.",
    ),
    "yaml-syntax/structure": (
        "Cấu trúc YAML không đúng ở đây (thiếu dấu phẩy, ngoặc, hoặc thụt lề sai).",
        "So sánh với các mục bên cạnh; văn bản có dấu đặc biệt hãy đặt trong ngoặc kép.",
    ),
    "yaml-syntax": (
        "YAML sai cú pháp ở đây.",
        "Kiểm tra thụt lề và dấu ngoặc kép ở dòng được chỉ ra.",
    ),
    "bad-character": (
        "Tệp có ký tự điều khiển {character}, YAML không cho phép.",
        "Xóa ký tự đó (thường lẫn vào khi dán từ Word hay trang web); trình soạn thảo như "
        "Notepad++ hay VS Code hiện được ký tự ẩn.",
    ),
    "yaml-syntax/escape": (
        "Trong ngoặc kép, '{escape}' không phải một ký tự hợp lệ: YAML đọc dấu '\\' là bắt đầu "
        "một ký tự đặc biệt (như đường dẫn Windows D:\\hoso).",
        "Đặt giá trị trong ngoặc đơn '...' hoặc viết '\\\\' thay cho mỗi '\\'.",
    ),
    "yaml-syntax/escape-example": (
        "Trong ngoặc kép, '{escape}' không phải một ký tự hợp lệ: YAML đọc dấu '\\' là bắt đầu "
        "một ký tự đặc biệt (như đường dẫn Windows D:\\hoso).",
        "Đặt giá trị trong ngoặc đơn '...' hoặc viết '\\\\' thay cho mỗi '\\', ví dụ: {example}.",
    ),
    "bad-character/escape-code": (
        "Mã ký tự viết sau dấu '\\' trong ngoặc kép không phải một ký tự hợp lệ.",
        "Viết thẳng ký tự đó, hoặc đặt giá trị trong ngoặc đơn '...'.",
    ),
    "yaml-syntax/unclosed": (
        "Dòng {line} thiếu {quote} đóng: YAML đọc lẫn các dòng sau vào giá trị của dòng này.",
        "Thêm {quote} vào cuối giá trị, ví dụ: {example}",
    ),
    "yaml-syntax/unclosed-until": (
        "Dòng {line} thiếu {quote} đóng: YAML đọc lẫn các dòng sau (đến dòng {until}) vào giá "
        "trị của dòng này.",
        "Thêm {quote} vào cuối giá trị, ví dụ: {example}",
    ),
    "yaml-syntax/unclosed-end": (
        "Dòng {line} thiếu {quote} đóng: tệp kết thúc giữa chừng, khi giá trị của dòng này chưa "
        "đóng.",
        "Thêm {quote} vào cuối giá trị, ví dụ: {example}",
    ),
    "yaml-syntax/unclosed-to-end": (
        "Dòng {line} thiếu {quote} đóng: YAML đọc lẫn mọi dòng sau vào giá trị của dòng này, đến "
        "khi tệp kết thúc giữa chừng.",
        "Thêm {quote} vào cuối giá trị, ví dụ: {example}",
    ),
    "yaml-too-large/depth": (
        "Các khối lồng vào nhau quá sâu (quá {most} cấp).",
        "Dữ liệu của kstthc chỉ lồng vài cấp; kiểm tra thụt lề và dấu ngoặc [ {{.",
    ),
    "yaml-too-large/aliases": (
        "Tệp mở rộng thành quá nhiều giá trị (tham chiếu '*' tới neo '&').",
        "Không dùng neo '&' và tham chiếu '*'; viết thẳng các giá trị.",
    ),
    "yaml-too-large": (
        "Tệp có quá nhiều giá trị (quá {most} giá trị).",
        "Một năm dữ liệu của một xã chỉ vài nghìn giá trị; tách hoặc khôi phục tệp.",
    ),
    "yaml-tag": (
        "Thẻ '{tag}' không được phép; kstthc không thực thi gì từ tệp dữ liệu.",
        "Xóa phần bắt đầu bằng '!' trước giá trị; văn bản hãy đặt trong ngoặc kép.",
    ),
    "yaml-recursive": (
        "Tham chiếu vòng: một giá trị chứa chính nó.",
        "",
    ),
    "yaml-key": (
        "Khóa phải là một từ đơn giản, không phải danh sách hay khối.",
        "Viết 'khóa: giá trị'.",
    ),
    "duplicate-key": (
        "Khóa '{key}' lặp lại (đã có ở dòng {line}).",
        "Xóa một trong hai dòng hoặc gộp nội dung; kstthc không tự chọn bản nào.",
    ),
    "bad-character/escaped": (
        "Giá trị có ký tự điều khiển {character} (viết bằng dấu '\\' trong ngoặc kép).",
        "Xóa ký tự đó; văn bản chỉ được có chữ, số, dấu câu, dấu cách và xuống dòng.",
    ),
    "number-too-long": (
        "Số có {digits} chữ số; kstthc chỉ đọc số tới {most} chữ số.",
        "Kiểm tra lại giá trị (có lẽ bị dán lặp); nếu là văn bản, đặt trong ngoặc kép.",
    ),
    # the workspace: its folder, its files' shapes (load/workspace, pydantic's errors)
    "refused/bundled": (
        "Thư mục '{folder}' là kế hoạch mẫu của xã Hương Trà (dữ liệu đi kèm kstthc); kstthc "
        "không ghi vào dữ liệu mẫu. Chưa ghi gì.",
        "Lập kế hoạch của xã mình bằng: kstthc init, rồi làm việc trong thư mục đó.",
    ),
    # the command line: -o of a command whose only file is its --json
    "usage/output-needs-json": (
        "Tùy chọn -o của lệnh này chỉ dùng để ghi kết quả dạng JSON ra tệp.",
        "Yêu cầu kết quả dạng JSON, hoặc bỏ tên tệp để xem kết quả trên màn hình.",
    ),
    # compute/ and render/
    "usage/unknown-period": (
        "Không hiểu kỳ báo cáo '{word}'.",
        "Các cách viết được chấp nhận: {forms}.",
    ),
    "usage/rollup-no-plan": (
        "Không thư mục nào có tệp kế hoạch plan_<năm>.yaml.",
        "Kiểm tra đường dẫn các thư mục xã, hoặc chỉ rõ năm kế hoạch.",
    ),
    "rollup-left-out": (
        "Chỉ tiêu {indicator} ({name}) không được gộp với các xã khác: {why}.",
        "Ghi mã danh mục (code) cho chỉ tiêu, đúng cách đo và đơn vị của danh mục (README, "
        "mục Mã chỉ tiêu).",
    ),
    "usage/milestone-period": ("{message}", "Nhiệm vụ {task} tính theo các mốc: {listed}."),
    "failed/no-matplotlib": (
        "Chưa cài matplotlib nên không vẽ được biểu đồ.",
        "Cài gói vẽ biểu đồ: pip install 'kstthc[charts]' (hoặc pip install matplotlib).",
    ),
    "usage/template-missing": (
        "Không tìm thấy tệp mẫu '{path}'.",
        "Ghi đúng đường dẫn tới tệp mẫu .md.j2, hoặc dùng mẫu có sẵn.",
    ),
    "failed/template-encoding": (
        "Tệp mẫu {path} không phải UTF-8 (byte lạ ở vị trí {at}).",
        "Lưu lại tệp mẫu với bảng mã UTF-8.",
    ),
    "failed/template-unreadable": ("Không đọc được tệp mẫu {path}: {why}.", ""),
    "failed/template-empty": (
        "Mẫu báo cáo {path} cho ra văn bản rỗng.",
        "Kiểm tra lại tệp mẫu, hoặc xóa nó để dùng mẫu có sẵn.",
    ),
    "failed/template-broken": (
        "{where}: mẫu báo cáo có lỗi: {what}.{shown}",
        "Sửa tệp mẫu ở dòng đó (biến có sẵn: xem README, mục kstthc report), hoặc xóa mẫu riêng "
        "để dùng mẫu có sẵn. Chưa ghi báo cáo nào.",
    ),
    "usage/bad-year": ("Năm {shown} không hợp lệ.", "Ghi năm bốn chữ số, ví dụ: {example}."),
    "refused/lock-link": (
        "Không lấy được khóa ghi: tệp khóa {lock} là một liên kết (symlink); kstthc không mở tệp "
        "khóa qua liên kết. Không ghi gì.",
        "Xóa liên kết {name} (kstthc tự tạo lại tệp khóa), rồi chạy lại.",
    ),
    "refused/too-large": (
        "Không ghi: sau lần ghi này tệp {shown} sẽ lớn {size}, quá giới hạn {limit} "
        "({limit_bytes}) mà kstthc đọc được. Chưa ghi gì; tệp cũ vẫn nguyên vẹn.",
        "Một năm dữ liệu của một xã chỉ vài trăm KB: xem trong tệp có phần nào bị dán lặp hay "
        "ghi chú quá dài, sửa lại rồi chạy lại lệnh.",
    ),
    "usage/id-hidden": (
        "Số {what} có ký tự ẩn {character} (không nhìn thấy được) ở vị trí {at}.",
        "Gõ lại số bằng tay, không dán từ Word hay trang web.",
    ),
    "usage/id-missing": ("Thiếu số {what}.", "Ghi số {what} như trong kế hoạch, ví dụ 1."),
    "usage/no-data-folder": (
        "Không tìm thấy thư mục dữ liệu '{folder}'.",
        "Chỉ ra đúng thư mục chứa plan_<năm>.yaml.",
    ),
    "usage/data-folder-is-file": (
        "'{folder}' là một tệp, không phải thư mục dữ liệu.",
        "Chỉ ra đúng thư mục chứa plan_<năm>.yaml.",
    ),
    "usage/no-plan-of-year": (
        "Thư mục '{folder}' không có kế hoạch năm {year} (plan_{year}.yaml).",
        "Các năm có kế hoạch: {have}. Lập kế hoạch năm mới bằng: kstthc new-year {year}.",
    ),
    "usage/no-plan": (
        "Thư mục '{folder}' không có tệp kế hoạch plan_<năm>.yaml nào.",
        "Chỉ ra đúng thư mục dữ liệu (thư mục chứa plan_<năm>.yaml).",
    ),
    "not-a-mapping": (
        "Tệp phải là một khối 'khóa: giá trị' ở cấp ngoài cùng.",
        "Xem ví dụ trong README; mỗi dòng cấp ngoài cùng bắt đầu bằng một khóa.",
    ),
    "not-a-mapping/actuals": (
        "Tệp phải là một khối 'khóa: giá trị' ở cấp ngoài cùng.",
        "Xem ví dụ trong README: year, tasks, indicators.",
    ),
    "bad-value/records": (
        "'{key}' phải là một danh sách.",
        "Mỗi bản ghi một mục, bắt đầu bằng '- '.",
    ),
    "bad-value/text": (
        "{where} phải là văn bản (đang là {shown}).",
        'Đặt giá trị trong ngoặc kép, ví dụ: "Quý I".',
    ),
    "bad-value/whole": (
        "{where} phải là số nguyên (đang là {shown}).",
        "Viết một số không có phần thập phân, ví dụ 130.",
    ),
    "bad-value/number": (
        "{where} phải là một số (đang là {shown}).",
        "Viết số với dấu chấm thập phân, ví dụ 62.5.",
    ),
    "bad-value/bool": (
        "{where} phải là true hoặc false (đang là {shown}).",
        "Viết true (có) hoặc false (không).",
    ),
    "bad-value/list": (
        "{where} phải là một danh sách (đang là {shown}).",
        "Mỗi mục một dòng, bắt đầu bằng '- '.",
    ),
    "bad-value/mapping": (
        "{where} phải là một khối 'khóa: giá trị' (đang là {shown}).",
        "Thụt lề các khóa con dưới khóa này.",
    ),
    "bad-value/date": (
        "{where} phải là một ngày (đang là {shown}).",
        "Viết 2024-03-14 hoặc 14/03/2024.",
    ),
    "bad-value/empty": (
        "{where} không được để trống (đang là {shown}).",
        "Điền nội dung, hoặc xóa cả dòng nếu không dùng.",
    ),
    "bad-value/no-items": (
        "{where} không được để trống (đang là {shown}).",
        "Thêm ít nhất một mục.",
    ),
    "bad-value/infinite": (
        "{where} phải là một số hữu hạn (đang là {shown}).",
        "",
    ),
    "missing-key": (
        "Thiếu khóa bắt buộc '{key}'.",
        "Thêm dòng '{key}: …' (xem ví dụ trong README).",
    ),
    "missing-key/in": (
        "Thiếu khóa bắt buộc '{key}' trong {where}.",
        "Thêm dòng '{key}: …' (xem ví dụ trong README).",
    ),
    "unknown-key": (
        "Khóa '{key}' không có trong mẫu.",
        "Các khóa được dùng ở đây: {known}.",
    ),
    "unknown-key/near": (
        "Khóa '{key}' không có trong mẫu.",
        "{near}",
    ),
    "bad-value/too-long": (
        "{where} dài quá {most} ký tự (đang có {length} ký tự).",
        "Viết mã ngắn gọn hơn, tối đa {most} ký tự.",
    ),
    "bad-value/choice": (
        "{where} không hợp lệ (đang là {shown}).",
        "Chọn một trong: {expected}.",
    ),
    "negative": (
        "{where} không được nhỏ hơn {bound} (đang là {shown}).",
        "",
    ),
    "out-of-range/at-least": (
        "{where} không được nhỏ hơn {bound} (đang là {shown}).",
        "",
    ),
    "out-of-range/above": (
        "{where} phải lớn hơn {bound} (đang là {shown}).",
        "",
    ),
    "out-of-range/at-most": (
        "{where} không được lớn hơn {bound} (đang là {shown}).",
        "",
    ),
    "out-of-range/below": (
        "{where} phải nhỏ hơn {bound} (đang là {shown}).",
        "",
    ),
    # values the models read (load/models)
    "bad-date/not-a-day": (
        "phải là một ngày, ví dụ 2024-03-14 hoặc 14/03/2024",
        "",
    ),
    "bad-date": (
        "'{written}' không phải là ngày; viết 2024-03-14 hoặc 14/03/2024",
        "",
    ),
    "bad-date/no-month": (
        "ngày {day} không có thật trên lịch: không có tháng {month}",
        "",
    ),
    "bad-date/month-days": (
        "ngày {day} không có thật trên lịch: tháng {month}/{year} chỉ có {days} ngày",
        "",
    ),
    "bad-date/no-day": (
        "ngày {day} không có thật trên lịch",
        "",
    ),
    "invisible-character": (
        "mã có ký tự ẩn {character} (không nhìn thấy được)",
        "Gõ lại mã bằng tay, không dán từ Word hay trang web.",
    ),
    "bad-value/due-rule": (
        "hạn gửi báo cáo (due) ghi đúng một cách tính",
        "Ví dụ: due: {{working_days_after_cutoff: 3}} (3 ngày làm việc sau ngày chốt số liệu), "
        "hoặc due: {{day_of_last_month: 20}} (ngày 20 tháng cuối kỳ).",
    ),
    "bad-value/target": (
        "Không đọc được chỉ tiêu '{text}'",
        "{forms}",
    ),
    "bad-value/count-bool": (
        "Số đếm phải là số nguyên, không phải {written}",
        "Viết số hồ sơ bằng chữ số, ví dụ 40.",
    ),
    "number-too-long/count": (
        "Số có {digits} chữ số; kstthc chỉ đọc số tới {most} chữ số",
        "Kiểm tra lại giá trị (có lẽ bị dán lặp).",
    ),
    "bad-value/count-grouped": (
        "Số đếm phải là số nguyên viết liền, không có dấu chấm hay phẩy: '{written}'",
        "Nếu là {digits} hồ sơ, viết liền: {digits}.",
    ),
    "bad-value/count-decimal": (
        "Số đếm phải là số nguyên viết liền, không có dấu chấm hay phẩy: '{written}'",
        "Số hồ sơ không có phần thập phân; viết số nguyên, ví dụ {digits}.",
    ),
    "bad-value/count-spaced": (
        "Số đếm phải là số nguyên viết liền bằng chữ số: '{written}'",
        "Viết liền, không có dấu cách: {digits}.",
    ),
    "bad-value/count": (
        "Số đếm phải là số nguyên viết liền bằng chữ số: '{written}'",
        "Viết số hồ sơ bằng các chữ số 0–9, ví dụ 1000.",
    ),
    # the officer's own words (load/officer)
    "failed/officer-unreadable": (
        "Không đọc được tệp {name}: {why}",
        "{hint}",
    ),
    "failed/officer-encoding": (
        "Tệp {name} không phải UTF-8 (byte lạ ở vị trí {at}).",
        "Lưu lại tệp với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8).",
    ),
    "failed/officer-not-docx": (
        "Tệp {name} không phải tệp Word (.docx) đọc được ({error}).",
        "Mở tệp bằng Word rồi Lưu thành… → Tài liệu Word (*.docx); tệp .doc cũ không đọc được.",
    ),
    # a write refused (write/safewrite): nothing was written
    "refused/link": (
        "Không ghi được tệp {path}: {why}.",
        "Sửa liên kết (symlink) cho trỏ tới tệp thật, hoặc thay nó bằng chính tệp dữ liệu.",
    ),
    "refused/busy": (
        "Tệp {name} đang được một lệnh kstthc khác ghi, đã chờ {waited} giây.",
        "Chờ lệnh kia xong rồi chạy lại.",
    ),
    "refused/no-lock": (
        "Không lấy được khóa ghi: không mở được tệp khóa {lock} ({why}). Không ghi gì.",
        "Nếu không có lệnh kstthc nào đang chạy, nhờ người tạo ra tệp khóa {name} (hoặc quản trị "
        "máy) xóa nó, rồi chạy lại.",
    ),
    "refused/unreadable": (
        "{path}: {why}",
        "{hint}",
    ),
    "refused/not-written": (
        "Không ghi được tệp {shown} ({why}); tệp cũ vẫn nguyên vẹn.",
        "Kiểm tra chỗ trống trên đĩa và quyền ghi thư mục dữ liệu, rồi chạy lại.",
    ),
    "refused/changed": (
        "Tệp {name} vừa bị thay đổi bởi người hoặc chương trình khác trong lúc ghi.",
        "Không ghi gì; bản vừa lưu vẫn nguyên. Hãy lưu tệp trong trình soạn thảo rồi chạy lại "
        "lệnh.",
    ),
    "refused/stat": (
        "Không ghi được tệp {shown}: {why}.",
        "",
    ),
    "refused/not-regular": (
        "{shown} không phải một tệp thường (thư mục, đường ống hay thiết bị); không ghi vào đó.",
        "Thay nó bằng một tệp .yaml thật, hoặc chọn tệp khác.",
    ),
    "refused/read-only": (
        "Tệp {shown} chỉ cho đọc (read-only); kstthc không ghi đè lên nó.",
        "Nếu đúng là được phép sửa, bỏ thuộc tính chỉ đọc của tệp (Properties → bỏ chọn "
        "Read-only, hoặc chmod u+w) rồi chạy lại.",
    ),
    "refused/exists": (
        "Tệp {name} đã có; không ghi đè.",
        "Xóa hoặc đổi tên tệp cũ nếu thật sự muốn làm lại.",
    ),
    # lines that cannot be spliced in safely (write/splice): nothing was written
    "refused/cannot-splice": (
        "Không thể tự thêm bản ghi vào tệp: {reason}",
        "Không ghi gì. Sửa phần đó thành danh sách mỗi mục một dòng '- ' (như README), "
        "rồi chạy lại; hoặc thêm bản ghi bằng tay.",
    ),
    "refused/splice-top": (
        "cấp ngoài cùng của tệp không phải dạng 'khóa: giá trị' mỗi khóa một dòng.",
        "",
    ),
    "refused/splice-no-dash": (
        "không tìm thấy dấu '-' của mục thứ {number} trong '{section}'.",
        "",
    ),
    "refused/splice-no-last-dash": (
        "không tìm thấy dấu '-' của mục cuối trong '{section}'.",
        "",
    ),
    "refused/splice-flow": (
        "'{section}' viết trên một dòng dạng [ … ]; kstthc chỉ ghi thêm vào danh sách "
        "mỗi mục một dòng '- '.",
        "",
    ),
    "refused/splice-no-item": (
        "không có mục thứ {number} trong '{section}'.",
        "",
    ),
    "refused/splice-reread-removed": (
        "sau khi xoá, tệp không đọc lại đúng như dự kiến (cách trình bày lạ).",
        "",
    ),
    "refused/splice-reread-joined": (
        "sau khi ghép, tệp không đọc lại đúng như dự kiến (cách trình bày lạ).",
        "",
    ),
    "refused/comment-in-the-way": (
        "Không thể thay bản ghi mà vẫn giữ ghi chú viết tay ở dòng {line}: '{shown}'.",
        "Không ghi gì. Chuyển ghi chú đó ra một dòng riêng phía trên dấu '-' của bản ghi "
        "(hoặc xoá nó), rồi chạy lại.",
    ),
    "refused/comment-in-file": (
        "Không thể thay bản ghi mà vẫn giữ ghi chú viết tay ở dòng {line} của tệp {display}: "
        "'{shown}'.",
        "Không ghi gì. Chuyển ghi chú đó ra một dòng riêng phía trên dấu '-' của bản ghi "
        "(hoặc xoá nó), rồi chạy lại.",
    ),
    # undoing a write (write/undo): nothing was changed
    "refused/undo-no-history": (
        "Thư mục '{folder}' chưa có lịch sử (không nằm trong một kho git); "
        "không có gì để hoàn tác.",
        "Bắt đầu lịch sử bằng: kstthc commit. Từ đó mỗi lần ghi đều hoàn tác được.",
    ),
    "refused/undo-nothing": (
        "Trong lịch sử không còn lần ghi nào của kstthc (record, import, new-year) để hoàn tác.",
        "Xem lịch sử bằng: kstthc history",
    ),
    "refused/undo-unsaved": (
        "Tệp {name} có thay đổi chưa lưu vào lịch sử; chưa hoàn tác để khỏi mất chúng.",
        "Lưu các thay đổi đó vào lịch sử bằng: kstthc commit (hoặc bỏ chúng đi), "
        "rồi chạy lại kstthc undo.",
    ),
    "refused/undo-other-content": ("nội dung khác", ""),
    "refused/undo-whole-file": (
        "Không hoàn tác được lần ghi {short} “{title}”: đó là lần "
        "đầu tệp {name} được lưu vào lịch sử, cùng những gì tệp đã có từ trước mà chưa "
        "từng lưu ({held}); hoàn tác sẽ xóa cả tệp.",
        "Bỏ riêng bản ghi đó bằng cách xóa bản ghi của kstthc record (xem kstthc record "
        "task --help), rồi kiểm tra bằng kstthc status.",
    ),
    "refused/undo-touched": ("sau lần ghi đó, {who} đã sửa tệp {name}", ""),
    "refused/undo-changed": ("tệp {name} đã khác sau lần ghi đó", ""),
    "refused/undo-whole": (
        "Không hoàn tác được lần ghi {short} “{title}”: {why} (tạo hay xóa cả tệp).",
        "Sửa lại bằng tay (kstthc record … hoặc sửa tệp), rồi kiểm tra bằng kstthc check.",
    ),
    "refused/undo-lines": (
        "Không hoàn tác được lần ghi {short} “{title}”: {why} ở cùng những dòng.",
        "Sửa lại bằng tay (kstthc record … hoặc sửa tệp), rồi kiểm tra bằng kstthc check.",
    ),
    "refused/undo-changed-now": ("Tệp {name} vừa bị thay đổi; chưa hoàn tác.", ""),
    "refused/undo-no-change": ("Hoàn tác không làm thay đổi tệp nào.", ""),
    # the data folder's history (write/vcs)
    "failed/repo-no-folder": (
        "Không tìm thấy thư mục dữ liệu '{folder}'.",
        "Chỉ ra đúng thư mục chứa plan_<năm>.yaml.",
    ),
    "failed/repo-none": (
        "Thư mục '{folder}' chưa có lịch sử (không nằm trong một kho git).",
        "Bắt đầu lịch sử bằng: kstthc commit (lưu các tệp dữ liệu hiện có làm lần ghi "
        "đầu tiên; không cần cài git).",
    ),
    "failed/repo-unreadable": (
        "Không đọc được kho git của thư mục '{folder}' ({why}).",
        "Kho có thể bị hỏng; nhờ người phụ trách CNTT kiểm tra bằng 'git status' "
        "(ghi kết quả mà không lưu lịch sử vẫn được).",
    ),
    "failed/repo-busy": (
        "Kho git của thư mục dữ liệu {what}; kstthc không ghi vào lịch sử lúc này.",
        "Hoàn tất hoặc hủy việc đó trước (git merge --abort, git rebase --abort…), "
        "hoặc ghi mà không lưu lịch sử.",
    ),
    "failed/repo-conflict": (
        "Kho git có xung đột chưa giải quyết ở: {files}.",
        "Giải quyết xung đột (sửa tệp rồi git add) trước, hoặc ghi mà không lưu lịch sử.",
    ),
    "failed/repo-no-control": (
        "thư mục kho '{control}' không có",
        "",
    ),
    "failed/repo-bad-head": (
        "tệp HEAD không chỉ tới nhánh nào hay lần ghi nào",
        "",
    ),
    "failed/repo-detached-reading": (
        "Kho git đang ở trạng thái 'detached HEAD' (không đứng trên nhánh nào); kstthc chỉ "
        "đọc lịch sử của một nhánh.",
        "Quay về nhánh chính (git switch main hoặc git checkout master).",
    ),
    "failed/repo-detached": (
        "Kho git đang ở trạng thái 'detached HEAD' (không đứng trên nhánh nào); "
        "kstthc không ghi hay hoàn tác lịch sử lúc này.",
        "Quay về nhánh chính (git switch main hoặc git checkout master), "
        "hoặc ghi mà không lưu lịch sử.",
    ),
    "failed/repo-broken": (
        "Kho git của thư mục dữ liệu bị hỏng, không đọc được ({why}).",
        "Nhờ người phụ trách CNTT kiểm tra kho ({control}) bằng 'git status'; kstthc không "
        "ghi hay đọc lịch sử khi kho hỏng (ghi kết quả mà không lưu lịch sử vẫn được).",
    ),
    "failed/repo-locked": (
        "Kho git đang bị một chương trình khác khóa (tệp .git/index.lock).",
        "Chờ chương trình kia (git, trình soạn thảo) xong; nếu không còn chương trình nào chạy, "
        "xóa tệp .git/index.lock rồi chạy lại.",
    ),
    "failed/repo-not-created": (
        "Không tạo được kho git trong '{folder}' ({why}).",
        "Kiểm tra quyền ghi thư mục dữ liệu.",
    ),
    "failed/repo-moved": (
        "Lịch sử vừa được một chương trình khác ghi thêm trong lúc kstthc ghi.",
        "Chạy lại lệnh.",
    ),
    "failed/repo-outside": (
        "Tệp '{path}' nằm ngoài kho git '{root}'.",
        "Chỉ ghi lịch sử các tệp trong kho.",
    ),
    "failed/repo-not-commit": (
        "'{sha}' không phải một lần ghi (commit).",
        "",
    ),
    "failed/unknown-rev-too-old": (
        "lịch sử không có lần ghi nào cũ đến thế",
        "",
    ),
    "failed/unknown-rev-day": (
        "chưa có lần ghi nào vào hoặc trước ngày đó",
        "",
    ),
    "failed/unknown-rev": (
        "Không tìm thấy phiên bản '{rev}' trong lịch sử.",
        "Viết HEAD (lần ghi cuối), HEAD~1 (lần trước nữa), mã lần ghi như trong "
        "'kstthc history', hoặc một ngày, ví dụ 2024-05-01.",
    ),
    "failed/unknown-rev-why": (
        "Không tìm thấy phiên bản '{rev}' trong lịch sử: {why}.",
        "Viết HEAD (lần ghi cuối), HEAD~1 (lần trước nữa), mã lần ghi như trong "
        "'kstthc history', hoặc một ngày, ví dụ 2024-05-01.",
    ),
    "failed/repo-merging": (
        "Kho git của thư mục dữ liệu đang dở một lần hợp nhất (merge).",
        "Hoàn tất (git commit) hoặc hủy (git merge --abort) trước.",
    ),
    # a new year's plan (write/newyear)
    "failed/new-year-no-plan": (
        "Không có kế hoạch năm {prev} ({name}) trong thư mục '{folder}'.",
        "new-year {year} lập kế hoạch năm {year} từ kế hoạch năm {prev}; "
        "kiểm tra lại năm hoặc thư mục dữ liệu.",
    ),
    "failed/new-year-old-errors": (
        "Dữ liệu năm {prev} có lỗi; sửa xong rồi mới lập kế hoạch năm {year}. Chưa ghi gì.",
        "",
    ),
    "refused/new-year-and": (
        " và ",
        "",
    ),
    "refused/new-year-exists": (
        "Đã có {names}: kế hoạch năm {year} đã được lập, không ghi đè. Chưa ghi gì.",
        "Sửa trực tiếp các tệp đó; muốn lập lại từ đầu thì xóa hoặc đổi tên chúng trước.",
    ),
    "failed/new-year-invalid": (
        "Kế hoạch năm {year} tạo ra từ năm {prev} chưa hợp lệ nên chưa ghi gì "
        "(đây là lỗi của kstthc, xin báo lại kèm tệp).",
        "",
    ),
    # a new plan (write/init)
    "usage/init-control": (
        "{what} có ký tự điều khiển hoặc xuống dòng.",
        "Gõ lại {option} trên một dòng, không dán ký tự lạ.",
    ),
    "usage/init-missing": (
        "Chưa ghi {what}.",
        "Ghi {option}, ví dụ {example}.",
    ),
    "refused/no-sample": (
        "Không tìm thấy kế hoạch mẫu đi kèm kstthc.",
        "Cài lại kstthc.",
    ),
    "failed/sample-invalid": (
        "Kế hoạch mẫu đi kèm kstthc có lỗi (xin báo lại).",
        "",
    ),
    "refused/sample-no-sections": (
        "Kế hoạch mẫu không có mục 'sections'.",
        "Cài lại kstthc.",
    ),
    "refused/docx-no-task": (
        "không đọc được trọn vẹn nhiệm vụ nào",
        "",
    ),
    "refused/docx-no-table": (
        "không đọc được bảng kế hoạch",
        "",
    ),
    "refused/docx-unusable": (
        "Không lập được kế hoạch từ tệp '{path}': {why}. Chưa ghi gì.",
        "Xem các lỗi đọc tệp: kiểm tra đúng tệp Kế hoạch kèm Quyết định (.docx), bảng kế "
        "hoạch là bảng của Word; hoặc lập từ kế hoạch mẫu rồi sửa theo bản in.",
    ),
    "docx-unread-cell/timeframe": (
        "{where}: Nhiệm vụ {id}: kstthc chưa hiểu thời gian thực hiện '{timeframe}'{reason}.",
        "Nhiệm vụ được để lại dưới dạng ghi chú (#) trong plan_NĂM.yaml. {hint}",
    ),
    "refused/init-exists": (
        "Thư mục '{folder}' đã có kế hoạch ({shown}); kstthc init không ghi đè. Chưa ghi gì.",
        "Dùng thư mục khác (kstthc init THƯ_MỤC_MỚI); kế hoạch năm sau thì lập bằng "
        "kstthc new-year NĂM.",
    ),
    "refused/init-exists-no-history": (
        "Thư mục '{folder}' đã có kế hoạch ({shown}); kstthc init không ghi đè. Chưa ghi gì.",
        "Dùng thư mục khác (kstthc init THƯ_MỤC_MỚI); kế hoạch năm sau thì lập bằng "
        "kstthc new-year NĂM. Thư mục đó chưa có lịch sử: bắt đầu lịch sử bằng kstthc commit.",
    ),
    "usage/init-is-file": (
        "'{folder}' là một tệp, không phải thư mục.",
        "Chọn một thư mục.",
    ),
    "usage/init-no-parent": (
        "Không có thư mục '{parent}' để lập thư mục '{name}'.",
        "Tạo thư mục cha trước, hoặc chọn đường dẫn khác.",
    ),
    "failed/init-draft-invalid": (
        "Bản nháp kế hoạch có lỗi nên chưa ghi gì.",
        "",
    ),
    "failed/init-sample-invalid": (
        "Kế hoạch lập từ kế hoạch mẫu chưa hợp lệ nên chưa ghi gì "
        "(đây là lỗi của kstthc, xin báo lại).",
        "",
    ),
    # figures from a workbook (write/figures)
    "refused/figures-no-first-dash": (
        "không tìm thấy dấu '-' của kỳ đầu tiên trong 'periods'.",
        "",
    ),
    "refused/figures-no-dash": (
        "không tìm thấy dấu '-' của kỳ cần thay.",
        "",
    ),
    "refused/figures-not-list": (
        "'periods' không phải một danh sách mỗi kỳ một mục '- '.",
        "",
    ),
    "refused/cannot-splice-figures": (
        "Không thể tự ghi số liệu vào tệp: {reason}",
        "Không ghi gì. Sửa phần đó như ví dụ trong README rồi chạy lại.",
    ),
    "failed/figures-data-errors": (
        "Dữ liệu đang có lỗi nên chưa ghi gì; sửa các lỗi trên rồi chạy lại.",
        "",
    ),
    "failed/figures-workbook-errors": (
        "Tệp {shown} có lỗi; chưa ghi gì vào tệp số liệu.",
        "",
    ),
    "refused/figures-other-year": (
        "'{shown}' là số liệu {period}, không thuộc kế hoạch năm {plan_year}.",
        "Chọn năm kế hoạch {year} (nếu đã có plan_{year}.yaml).",
    ),
    "failed/figures-would-break": (
        "Ghi số liệu này sẽ làm tệp {shown} có lỗi; không ghi gì.",
        "",
    ),
    "unknown-indicator/form": (
        "Không có chỉ tiêu số '{indicator}' trong indicators_{year}.yaml.",
        "Không sửa cột Số của mẫu; tạo lại mẫu bằng kstthc form nếu cần.",
    ),
    "derived-indicator/form": (
        "Chỉ tiêu {id} được tính từ số liệu ({numerator} / {denominator}); không nhập tay số "
        "liệu này.",
        "Xóa số ở dòng này; ghi các số đếm ở các trang số liệu của mẫu.",
    ),
    "wrong-measure/form-ratio": (
        "Chỉ tiêu {id} tính bằng tử số / mẫu số: ghi cả hai (cột C, D), không ghi Giá trị.",
        "Ví dụ: tử số 40, mẫu số 80.",
    ),
    "missing-figure/form": (
        "Chỉ tiêu {id} tính bằng tử số / mẫu số: ghi cả hai (cột C, D), không ghi Giá trị.",
        "Ví dụ: tử số 40, mẫu số 80.",
    ),
    "wrong-measure/form-value": (
        "Chỉ tiêu {id} nhập thẳng giá trị (cột E), không dùng tử số/mẫu số.",
        "Ghi giá trị ({unit}) vào cột E.",
    ),
    "failed/figures-direct-errors": (
        "Trang chỉ tiêu nhập trực tiếp có lỗi; chưa ghi gì.",
        "",
    ),
    # a record (write/record)
    "refused/record-none": (
        "Không có bản ghi {subject} trong tệp {shown} để xoá.",
        "Xem các bản ghi: kstthc history, hoặc mở tệp actuals.",
    ),
    "refused/record-not-utf8": (
        "{what} có ký tự không đọc được (không phải UTF-8).",
        "Gõ lại nội dung bằng bảng mã UTF-8.",
    ),
    "failed/record-would-break": (
        "Ghi bản ghi này sẽ làm tệp {shown} có lỗi; không ghi gì.",
        "",
    ),
    # a workbook's cells and layout (write/imports)
    "formula/cell": (
        "Ô này là công thức '{formula}'; kstthc không tính công thức.",
        "Ghi thẳng con số (hoặc chữ) vào ô: chép ô, rồi dán giá trị (Paste Special → Values).",
    ),
    "excel-error/cell": (
        "Ô này báo lỗi của Excel '{error}', không có giá trị.",
        "Sửa ô trong Excel để nó có số liệu (hoặc để trống) rồi chạy lại.",
    ),
    "bad-character/cell": (
        "Ô này có ký tự điều khiển U+{point:04X} (không nhìn thấy được).",
        "Gõ lại nội dung ô, không dán từ trang web hay phần mềm khác.",
    ),
    "number-too-long/cell": (
        "Số có {many} chữ số; số hồ sơ không thể lớn như vậy.",
        "Kiểm tra lại ô (có lẽ bị dán lặp); ghi số hồ sơ thật.",
    ),
    "bad-value/cell-count": (
        "Ô này phải là số nguyên từ 0 trở lên (đang là '{value}').",
        "Ghi số hồ sơ bằng chữ số, không có dấu chấm hay phẩy, ví dụ 1000.",
    ),
    "negative/cell": (
        "Số đếm không được âm (đang là {value}).",
        "Ghi số nguyên từ 0 trở lên.",
    ),
    "out-of-range/cell": (
        "Ô này ghi số có {digits} chữ số, quá lớn cho một số hồ sơ (Excel chỉ giữ đúng 15 chữ số).",
        "Kiểm tra lại ô; ghi số hồ sơ thật.",
    ),
    "bad-date/cell": (
        "Không đọc được ngày '{value}'.",
        "Ngày viết dạng dd/mm/yyyy (có thể kèm giờ), hoặc ô ngày của Excel.",
    ),
    "bad-value/cell-number": (
        "Giá trị phải là một số (đang là '{value}').",
        "Ghi số, ví dụ 92,5 hoặc 2.",
    ),
    "failed/xlsx-not-zip": (
        "tệp không phải dạng nén của .xlsx",
        "",
    ),
    "failed/xlsx-parts": (
        "bên trong tệp thiếu hoặc sai phần mà một tệp .xlsx phải có",
        "",
    ),
    "failed/xlsx-unreadable": (
        "Không đọc được '{display}' như một tệp Excel (.xlsx): {why}.",
        "Mở tệp bằng Excel, lưu lại dạng .xlsx rồi chạy lại.",
    ),
    "failed/xlsx-layout": (
        "Không nhận ra bố cục của '{display}'.",
        "kstthc đọc được: (a) mẫu do 'kstthc form' tạo; (b) Biểu 06 hoặc II.06a xuất từ Hệ "
        "thống thông tin giải quyết TTHC (có dòng đánh số cột (1)…(13)); (c) Danh sách hồ sơ "
        "có các cột Mã hồ sơ, Lĩnh vực, Trạng thái, Ngày nhận, Ngày hẹn trả, Ngày kết thúc "
        "xử lý.",
    ),
    "failed/form-marker": (
        "Trang '{sheet}' của '{display}' bị sửa; không biết mẫu của kỳ nào.",
        "Tạo lại mẫu bằng kstthc form và chép số liệu sang.",
    ),
    "failed/form-sheet": (
        "Mẫu '{display}' thiếu trang '{title}'.",
        "Không đổi tên hay xóa trang tính của mẫu; tạo lại mẫu bằng kstthc form.",
    ),
    "missing-field/form-field": (
        "Dòng có số liệu nhưng chưa ghi lĩnh vực.",
        "Ghi tên lĩnh vực vào cột B.",
    ),
    "duplicate-row/form": (
        "Lĩnh vực '{name}' đã có ở dòng {first}.",
        "Gộp hai dòng thành một (cộng số liệu), hoặc ghi nguồn (hệ thống) khác nhau ở cột C.",
    ),
    "duplicate-row/form-source": (
        "Lĩnh vực '{name}' (nguồn {source}) đã có ở dòng {first}.",
        "Gộp hai dòng thành một (cộng số liệu), hoặc ghi nguồn (hệ thống) khác nhau ở cột C.",
    ),
    "form-changed/name": (
        "Cột Tên ở đây phải là '{name}'.",
        "Không sửa cột Tên của mẫu; tạo lại mẫu bằng kstthc form nếu cần.",
    ),
    "bad-value/form-none": (
        "Cột Không phát sinh chỉ ghi x (đang là '{value}').",
        "Ghi x nếu kỳ này không có gì để đếm; để trống nếu có số liệu.",
    ),
    "none-with-figure/form": (
        "Chỉ tiêu {id} ghi x ở cột Không phát sinh mà vẫn có số liệu ({given}).",
        "Xóa x nếu kỳ này có số liệu; xóa các số nếu kỳ này không phát sinh.",
    ),
    "unknown-header/empty": (
        "trống",
        "",
    ),
    "unknown-header/bieu06": (
        "Tiêu đề cột ({k}) là '{found}', không phải '{word}' như Biểu 06/II.06a.",
        "kstthc đọc các cột theo tiêu đề: {expected}. Xuất lại biểu từ hệ "
        "thống, hoặc sửa tiêu đề cột đó cho đúng.",
    ),
    "no-window/bieu06": (
        "Không thấy dòng '(Từ ngày … đến ngày …)' của biểu nên không biết số liệu của kỳ nào.",
        "Xuất lại biểu từ hệ thống, giữ nguyên phần tiêu đề; hoặc cho biết kỳ của biểu khi "
        "nhập (ví dụ kỳ q1).",
    ),
    "bad-date/window": (
        "Dòng '{text}' có ngày không có thật trên lịch.",
        "Sửa ngày của dòng đó, ví dụ (Từ ngày 15/12/2024 đến ngày 14/03/2025).",
    ),
    "not-a-period/bieu06": (
        "Khoảng {start:%d/%m/%Y}–{end:%d/%m/%Y} không phải một kỳ báo cáo.",
        "Xuất biểu đúng kỳ: ví dụ quý II là 15/03–14/06 (NĐ 09/2019).",
    ),
    "failed/import-other-period": (
        "'{display}' là số liệu {found}, khác kỳ đã ghi ({asked}).",
        "Không ghi kỳ, hoặc ghi đúng kỳ của tệp.",
    ),
    "failed/list-columns": (
        "Danh sách hồ sơ '{display}' (trang '{sheet}', dòng {row}) thiếu cột {missing}.",
        "Cần các cột: {needed}.",
    ),
    "failed/list-window-date": (
        "Dòng '{text}' của '{display}' có ngày không có thật trên lịch.",
        "Sửa ngày của dòng đó, ví dụ (Từ ngày 15/12/2024 đến ngày 14/03/2025).",
    ),
    "failed/list-not-a-period": (
        "Khoảng {start:%d/%m/%Y}–{end:%d/%m/%Y} của '{display}' không phải một kỳ báo cáo.",
        "Xuất danh sách đúng kỳ, hoặc bỏ dòng 'Từ ngày … đến ngày …' và cho biết kỳ.",
    ),
    "failed/list-no-window": (
        "Danh sách hồ sơ '{display}' không có dòng '(Từ ngày … đến ngày …)'.",
        "Cho biết kỳ của danh sách khi nhập (ví dụ kỳ q2).",
    ),
    "duplicate-dossier/list": (
        "Hồ sơ {code} đã có ở dòng {first}; mỗi hồ sơ chỉ được một dòng.",
        "Xóa dòng lặp (danh sách bị xuất hay dán hai lần?), rồi chạy lại.",
    ),
    "missing-date/received": (
        "Hồ sơ {code} không có ngày nhận.",
        "Mỗi hồ sơ cần ngày nhận để biết thuộc kỳ nào.",
    ),
    "dates-out-of-order/list": (
        "Hồ sơ {code} có ngày {words} {day:%d/%m/%Y}, trước ngày nhận {received:%d/%m/%Y}.",
        "Kiểm tra lại ngày trên hệ thống; một hồ sơ không thể hẹn trả hay kết thúc "
        "trước khi được nhận.",
    ),
    "missing-date/finished": (
        "Hồ sơ {code} bị trả lại hoặc rút nhưng không có ngày kết thúc.",
        "Ghi ngày trả lại, rút hồ sơ vào cột Ngày kết thúc xử lý.",
    ),
    # a commune's pack (write/pack)
    "failed/pack-data-errors": (
        "Chưa đóng gói: dữ liệu của xã còn lỗi.",
        "",
    ),
    "usage/pack-not-zip": (
        "Tệp gói '{target}' phải có đuôi .zip.",
        "Ví dụ: -o {example}",
    ),
    "usage/pack-is-folder": (
        "'{target}' là một thư mục.",
        "Ghi rõ tên tệp, ví dụ: -o {example}",
    ),
    "usage/pack-not-regular": (
        "'{target}' không phải một tệp thường; không ghi vào đó.",
        "Ví dụ: -o {example}",
    ),
    "usage/pack-input-file": (
        "'{target}' là tệp dữ liệu của xã; gói không được ghi đè lên nó.",
        "Chọn tên tệp khác, ví dụ: -o {example}",
    ),
    "usage/pack-no-folder": (
        "Không có thư mục '{folder}' để ghi tệp.",
        "Tạo thư mục trước hoặc đổi -o.",
    ),
    "failed/pack-not-written": (
        "Không ghi được {target}: {why}.",
        "Kiểm tra quyền ghi thư mục.",
    ),
    # a commune's pack read at the province (load/pack)
    "folder-missing/pack": (
        "Không có tệp gói này.",
        "Kiểm tra tên tệp .zip trong lệnh: mỗi gói là dữ liệu của một xã.",
    ),
    "pack-damaged": (
        "Tệp gói bị hỏng hoặc không trọn vẹn (không đọc được như tệp .zip).",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    "pack-unsafe/many": (
        "Gói có quá nhiều tệp ({count}).",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    "pack-unsafe/member": (
        "Gói chứa tệp '{name}' không phải tệp dữ liệu của xã "
        "(chỉ nhận plan_, indicators_, actuals_, figures_NĂM.yaml, narrative_…md "
        "và manifest.json, không có thư mục hay đường dẫn); không đọc gói này.",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    "pack-unsafe/same-name": (
        "Gói có hai tệp cùng tên.",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    "pack-unsafe/large": (
        "Tệp '{name}' trong gói lớn quá giới hạn đọc.",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    "pack-damaged/member": (
        "Tệp '{name}' trong gói bị hỏng (gói không trọn vẹn hoặc đã bị sửa).",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    "pack-unsafe/password": (
        "Tệp '{name}' trong gói có mật khẩu; không đọc được.",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    "pack-altered/no-manifest": (
        "Gói không có {manifest} (không do kstthc pack làm).",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    "pack-altered/manifest": (
        "{manifest} của gói không đúng mẫu của kstthc pack.",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    "pack-altered/version": (
        "Gói làm theo mẫu phiên bản {version}, kstthc này đọc phiên bản {ours}.",
        "Cập nhật kstthc (ở tỉnh hoặc ở xã) cho cùng phiên bản rồi làm lại gói.",
    ),
    "pack-altered/extra": (
        "Tệp '{name}' có trong gói mà không có trong {manifest}.",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    "pack-altered/missing": (
        "Gói thiếu tệp '{name}' mà {manifest} kê.",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    "pack-altered/digest": (
        "Tệp '{name}' trong gói đã bị thay đổi sau khi đóng gói (mã SHA-256 không khớp).",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    "pack-altered/no-plan": (
        "Gói ghi năm {year} mà không có plan_{year}.yaml.",
        "Nhờ xã chạy lại 'kstthc pack' rồi gửi lại tệp .zip (gửi dạng tệp, không nén lại).",
    ),
    # why a commune's indicator is pooled with nothing: the {why} of rollup-left-out
    "rollup-left-out/code-unknown": ("mã '{code}' không có trong danh mục chỉ tiêu quốc gia", ""),
    "rollup-left-out/no-code": (
        "không ghi mã (code) và tên không có trong danh mục chỉ tiêu quốc gia",
        "",
    ),
    "rollup-left-out/measure": ("cách đo ({measure}) khác danh mục ({theirs}) của mã '{code}'", ""),
    "rollup-left-out/unit": ("đơn vị '{unit}' khác đơn vị '{theirs}' của mã '{code}'", ""),
    "rollup-left-out/taken": ("chỉ tiêu khác của xã đã được gộp theo mã '{code}'", ""),
    # a commune's folder the rollup cannot read at all (compute/rollup)
    "file-missing/rollup-year": (
        "Thư mục không có kế hoạch năm {year} (plan_{year}.yaml).",
        "{hint}",
    ),
    "folder-missing/rollup-file": (
        "Đây là một tệp, không phải thư mục dữ liệu của xã hay gói .zip của kstthc pack.",
        "Kiểm tra tên thư mục trong lệnh: mỗi thư mục là dữ liệu của một xã.",
    ),
    "folder-missing/rollup": (
        "Không có thư mục này.",
        "Kiểm tra tên thư mục trong lệnh: mỗi thư mục là dữ liệu của một xã.",
    ),
    "file-missing/pack-year": (
        "Gói là dữ liệu năm {held}, không có kế hoạch năm {year}.",
        "Nhờ xã gửi gói của kế hoạch năm {year}, hoặc tổng hợp năm {held}.",
    ),
    # the decision's Word file (load/plan_docx)
    "file-missing/docx": (
        "Không có tệp Word này.",
        "Kiểm tra tên và đường dẫn tệp KẾ_HOẠCH.docx.",
    ),
    "file-too-large/docx": (
        "Tệp Word này giải nén ra quá lớn; kstthc không đọc.",
        "Một Quyết định kèm Kế hoạch chỉ vài MB: lưu lại tệp bằng Word (bỏ ảnh thừa) rồi thử lại.",
    ),
    "docx-unreadable": (
        "Không mở được tệp này như một tệp Word (.docx).",
        "Mở tệp bằng Word và lưu lại dưới dạng .docx (tệp .doc cũ, .pdf hay ảnh quét "
        "không đọc được).",
    ),
    "docx-no-plan-table": (
        "Không tìm thấy bảng kế hoạch (có các cột STT, Nội dung công việc, Kết quả "
        "công việc, Cơ quan, đơn vị thực hiện, Thời gian thực hiện).",
        "Kiểm tra đúng tệp Kế hoạch kèm theo Quyết định; bảng phải là bảng của Word, "
        "không phải ảnh chụp hay chữ cách bằng phím Tab.",
    ),
    "docx-no-indicator-table": (
        "Không tìm thấy bảng chỉ tiêu của Phụ lục (có các cột Stt, Nội dung chỉ tiêu, "
        "Chỉ tiêu năm …).",
        "Các chỉ tiêu để trống; ghi chúng vào indicators_NĂM.yaml theo Phụ lục.",
    ),
    "docx-unread-cell/section-title": (
        "Mục {sid} không có tên.",
        "Ghi tên mục (title) trong plan_NĂM.yaml như bản in.",
    ),
    "docx-no-section": (
        "Nhiệm vụ {id} nằm trước mục đầu tiên (I, II…) của bảng.",
        "Đã xếp vào mục 0 'Nhiệm vụ chung'; sửa lại mục cho đúng bản in.",
    ),
    "docx-unread-row/plan": (
        "Không hiểu dòng này của bảng kế hoạch (STT '{stt}'): '{row}'.",
        "STT của mục là số La Mã (I, II…), của nhiệm vụ là số (1, 2…); dòng tiếp "
        "của một nhiệm vụ sang trang để trống STT. Thêm nhiệm vụ này vào "
        "plan_NĂM.yaml bằng tay nếu cần.",
    ),
    "docx-unread-row/indicators": (
        "Không hiểu dòng này của bảng chỉ tiêu (Stt '{stt}'): '{row}'.",
        "Stt của chỉ tiêu là số (1, 2, 11.3…). Thêm chỉ tiêu này vào "
        "indicators_NĂM.yaml bằng tay nếu cần.",
    ),
    "unit-to-confirm/new": (
        "Đơn vị '{name}' không có trong danh sách đơn vị đã biết; đã thêm đơn vị mới mã '{uid}'.",
        "Xác nhận tên và mã đơn vị trong units của plan_NĂM.yaml (hoặc đổi thành một đơn "
        "vị đã có).",
    ),
    "duplicate-id/docx": (
        "Nhiệm vụ số {id} có hai lần trong bảng.",
        "Sửa STT trong plan_NĂM.yaml cho mỗi nhiệm vụ một số.",
    ),
    "docx-unread-cell/task": (
        "Nhiệm vụ {id}: không đọc được ô {what} (ô trống).",
        "Nhiệm vụ được để lại dưới dạng ghi chú (#) trong plan_NĂM.yaml: điền ô này "
        "theo bản in rồi bỏ dấu #.",
    ),
    "unit-to-confirm/lead": (
        "Nhiệm vụ {id}: không thấy đơn vị chủ trì; đã ghi đơn vị phối hợp là đơn vị chủ trì.",
        "Xác nhận lead (chủ trì) và support (phối hợp) của nhiệm vụ trong plan_NĂM.yaml.",
    ),
    "docx-unread-cell/indicator": (
        "Chỉ tiêu {id}: không đọc được ô {what} (ô trống).",
        "Chỉ tiêu được để lại dưới dạng ghi chú (#) trong indicators_NĂM.yaml: điền ô này "
        "theo bản in rồi bỏ dấu #.",
    ),
    "target-to-confirm/docx": (
        "Chỉ tiêu {id}: chỉ tiêu '{target}' giữ nguyên lời văn, kstthc chưa tính được "
        "con số để so sánh.",
        "Ghi con số chỉ tiêu (target.value) và dấu so sánh (target.op) trong "
        "indicators_NĂM.yaml; cho tới khi đó kstthc coi chỉ tiêu là 0.",
    ),
    # reading a file (osfiles)
    "file-unreadable/dangling": (
        "Không đọc được tệp: đây là liên kết (symlink) trỏ tới một tệp không có.",
        "Sửa liên kết cho trỏ đúng tệp, hoặc thay nó bằng chính tệp dữ liệu.",
    ),
    "file-unreadable/os": (
        "Không đọc được tệp ({why}).",
        "Kiểm tra quyền truy cập tệp, hoặc đóng chương trình đang giữ tệp.",
    ),
    "file-unreadable/loop": (
        "Không đọc được tệp ({why}).",
        "Sửa liên kết (symlink) cho trỏ tới tệp thật, hoặc thay nó bằng chính tệp dữ liệu.",
    ),
    "file-too-large/read": (
        "Tệp quá lớn ({size}); kstthc chỉ đọc tệp dữ liệu tới {limit}.",
        "Một năm dữ liệu của một xã chỉ vài trăm KB: có lẽ tệp bị sinh tự động hoặc dán lặp; "
        "khôi phục bản đúng từ git (git checkout -- <tệp>).",
    ),
    "file-is-folder/read": (
        "Đây là một thư mục, không phải tệp YAML.",
        "Hãy chỉ tới tệp .yaml nằm trong thư mục này.",
    ),
    "file-not-regular/read": (
        "Đây là {kind}, không phải tệp dữ liệu; kstthc không đọc từ đó.",
        "Dữ liệu phải là một tệp văn bản thường; thay nó bằng tệp .yaml thật.",
    ),
    # the form written (api.form)
    "usage/form-input-file": (
        "'{path}' là tệp dữ liệu của xã; mẫu nhập số liệu không được ghi đè lên nó.",
        "Chọn tên tệp khác, ví dụ so-lieu-{pid}.xlsx.",
    ),
    "usage/form-not-regular": (
        "'{path}' không phải một tệp thường (thiết bị hay đường ống); không ghi vào đó.",
        "Ghi ra một tệp, ví dụ so-lieu-{pid}.xlsx.",
    ),
    "usage/form-is-folder": (
        "Không ghi được mẫu vào '{path}': đó là một thư mục.",
        "Ghi rõ tên tệp trong một thư mục có sẵn, ví dụ so-lieu-{pid}.xlsx.",
    ),
    "usage/form-no-folder": (
        "Không ghi được mẫu vào '{path}': không có thư mục '{folder}'.",
        "Ghi rõ tên tệp trong một thư mục có sẵn, ví dụ so-lieu-{pid}.xlsx.",
    ),
    "failed/form-not-written": (
        "Không ghi được {path}: {why}.",
        "Nếu tệp đang mở trong Excel, đóng nó rồi chạy lại.",
    ),
    # what init --from-docx left unread (rules/validate)
    "unread-left": (
        "Phần ghi chú dưới dòng {marker} này kstthc init chưa đọc được từ tệp Word, nên chưa có "
        "trong dữ liệu.",
        "Điền ô còn trống theo bản in, bỏ dấu # ở các dòng của nó, rồi xóa dòng {marker} này.",
    ),
}


def code_of(key: str) -> str:
    """The problem code a message key says: ``bad-period/one-off`` → ``bad-period``."""
    return key.partition("/")[0]


@cache
def fields_of(key: str) -> frozenset[str]:
    """The fields the message and hint of ``key`` are filled in with."""
    return frozenset(
        name
        for template in MESSAGES[key]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    )


@dataclass(frozen=True)
class Said:
    """A message of the catalogue filled in: its ``key``, the words, and the ``fields`` they
    were filled in with (so a front end can say it again in its own words, by key). A
    ``Problem`` or a ``KstthcError`` is made from it whole: ``doc.problem(path, said(…))``."""

    key: str
    message: str
    hint: str
    fields: Mapping[str, object] = field(default_factory=dict, compare=False)

    @property
    def code(self) -> str:
        return code_of(self.key)


def said(key: str, /, **fields: object) -> Said:
    """Message ``key`` filled in with ``fields`` (exactly the template's: a field missing or
    left over is a programming slip)."""
    if set(fields) != fields_of(key):
        raise ValueError(f"message {key!r} takes {sorted(fields_of(key))}, got {sorted(fields)}")
    message, hint = MESSAGES[key]
    return Said(key, message.format(**fields), hint.format(**fields), fields)


def text(key: str, /, **fields: object) -> str:
    """The message of ``key`` filled in with ``fields``."""
    return said(key, **fields).message
