"""The catalogue of what kstthc says is wrong: every problem and refusal code, with what it
means for the officer, and the words said at the spot (``MESSAGES``: a message and a hint,
templates filled in with the finding's fields). Each code here is documented in README's
"Mã lỗi và cảnh báo"; a code not listed here cannot be made into a ``Problem`` (a test also
reads every code the package writes, and every template's fields where it is used).

The rules of ``rules/validate.py`` say all they find through ``said``; the other stages still
write their words where they find the problem (moved here one stage at a time)."""

from __future__ import annotations

import string
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
    # the plan decision's Word file (init --from-docx)
    "docx-unreadable": "tệp không mở được như một tệp Word (.docx)",
    "docx-no-plan-table": "tệp Word không có bảng kế hoạch (STT, nội dung, thời gian…)",
    "docx-no-indicator-table": "tệp Word không có bảng chỉ tiêu của Phụ lục",
    "docx-no-section": "nhiệm vụ nằm trước mục đầu tiên (I, II…) của bảng kế hoạch",
    "docx-unread-row": "một dòng của bảng trong tệp Word không phải mục, nhiệm vụ hay chỉ tiêu",
    "docx-unread-cell": "một ô cần có của bảng trong tệp Word bị trống hoặc không đọc được",
    "unit-to-confirm": "đơn vị đọc từ tệp Word không có trong danh sách đã biết, cần xác nhận",
    "target-to-confirm": "chỉ tiêu viết bằng lời chưa tính được thành con số, cần xác nhận",
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


def said(key: str, /, **fields: object) -> tuple[str, str, str]:
    """``(code, message, hint)`` of message ``key`` filled in with ``fields`` (exactly the
    template's: a field missing or left over is a programming slip)."""
    if set(fields) != fields_of(key):
        raise ValueError(f"message {key!r} takes {sorted(fields_of(key))}, got {sorted(fields)}")
    message, hint = MESSAGES[key]
    return code_of(key), message.format(**fields), hint.format(**fields)


def text(key: str, /, **fields: object) -> str:
    """The message of ``key`` filled in with ``fields``."""
    return said(key, **fields)[1]
