"""Reader and parser warnings, and quarantine reasons, in the reader's language.

The store keeps every warning as the English sentence its producer wrote (the
extraction contract's ``warnings``, ``articles.warnings``, ``articles.inferred_reason``):
scripts and tests read those. Pages show them through ``shown(warning, lang)``,
which gives a Vietnamese sentence for each form below. A form this table does
not know is shown as stored: never dropped, never half translated.

Each form is a regular expression over the whole English sentence; named groups
are quoted text from the article (kept as written) or a nested reason, which is
translated in turn (``events: event on 'X' left undated: <a dates reason>``).

``reason(code, lang)`` does the same for the short codes of ``ingest_errors.reason``:
in Vietnamese a phrase with the code after it (the code is what the README, the
CLI and scripts use), in English the code as stored.
"""
from __future__ import annotations

import re

#: (English form, Vietnamese template). Groups named ``reason`` are translated recursively.
_FORMS: tuple[tuple[str, str], ...] = (
    # dashboard.parsing.dates
    (r"(?:dates: )?unresolved date '(?P<x>.*)': no year and no publication date",
     "chưa xác định được ngày '{x}': không ghi năm và bài không có ngày đăng"),
    (r"(?:dates: )?unresolved date '(?P<x>.*)': relative day and no publication date",
     "chưa xác định được ngày '{x}': ngày tương đối và bài không có ngày đăng"),
    (r"(?:dates: )?unresolved date '(?P<x>.*)': no earlier dated day to count from",
     "chưa xác định được ngày '{x}': bài không có ngày nào trước đó để tính từ"),
    (r"dates: invalid date '(?P<x>.*)' dropped \(month (?P<n>\d+)\)", "bỏ ngày không hợp lệ '{x}' (tháng {n})"),
    (r"dates: invalid date '(?P<x>.*)' dropped", "bỏ ngày không hợp lệ '{x}'"),
    (r"dates: implausible year in '(?P<x>.*)' dropped", "bỏ '{x}': năm không hợp lý"),
    (r"open-ended horizon", "mốc không có thời hạn"),
    # dashboard.parsing.events
    (r"events: event on '(?P<x>.*?)' left undated: (?P<reason>.*)", "sự kiện ở '{x}' chưa có ngày: {reason}"),
    (r"events: '(?P<x>.*)' reports an event but the article gives no date for it",
     "'{x}' nói về một sự kiện nhưng bài không cho biết ngày"),
    # dashboard.parsing.inferred
    (r"inferred: '(?P<x>.*)' dated (?P<a>[\d-]+)\.\.(?P<b>[\d-]+): (?P<reason>.*)",
     "ngày suy đoán: '{x}' trong khoảng {a}–{b}: {reason}"),
    (r"signing of a document for (?P<p>\S+), signed before or in its first year "
     r"\(the article has no publication date\)",
     "ký kết văn bản cho giai đoạn {p}: ký trước hoặc trong năm đầu của giai đoạn (bài không có ngày đăng)"),
    (r"review of (?P<n>\d+) years of a document issued in (?P<y>\d{4}), held at the end of that span or early "
     r"the next year \(the article has no publication date\)",
     "tổng kết {n} năm thực hiện văn bản ban hành năm {y}: tổ chức vào cuối giai đoạn đó hoặc đầu năm sau "
     "(bài không có ngày đăng)"),
    # dashboard.store.rows.infer_range (articles.inferred_reason)
    (r"published on or after the latest explicit date in the text: (?P<x>'.*'|\".*\") \((?P<d>[\d-]+)\)",
     "đăng vào hoặc sau ngày cụ thể muộn nhất trong bài: {x} ({d})"),
    # dashboard.decode
    (r"no byte-order mark: decoded as (?P<e>\S+) by byte pattern", "không có BOM: giải mã theo {e} dựa vào mẫu byte"),
    (r"not UTF-8: decoded as (?P<e>\S+) \(legacy Vietnamese encoding\)",
     "không phải UTF-8: giải mã theo {e} (bảng mã tiếng Việt cũ)"),
    (r"(?P<n>\d+) undecodable byte\(s\) replaced with U\+FFFD", "{n} byte không giải mã được, đã thay bằng U+FFFD"),
    # dashboard.records, dashboard.htmltext
    (r"decomposed \(NFD\) text composed to NFC", "văn bản dạng tổ hợp (NFD) đã được chuẩn hoá sang NFC"),
    (r"unreadable publication date (?P<x>.*) ignored", "không đọc được ngày đăng {x}: bỏ qua"),
    (r"(?P<k>\w+) field is a (?P<t>\w+), not text: ignored", "trường {k} là {t}, không phải văn bản: bỏ qua"),
    (r"missing field: (?P<k>\w+)", "thiếu trường: {k}"),
    (r"HTML markup in the text field was converted to text", "mã HTML trong trường văn bản đã được chuyển thành văn bản"),
    (r"lone UTF-16 surrogate escape in the JSON replaced by U\+FFFD",
     "mã thoát UTF-16 lẻ trong JSON đã được thay bằng U+FFFD"),
    (r"HTML parsing stopped early: (?P<x>.*)", "đọc HTML dừng sớm: {x}"),
    # ingest_errors.detail written by dashboard.decode, .sources, .records and .feeds; the JSON decoder's
    # and the codecs' own messages are a closed set of phrases (Python 3.11), translated by _WORDS below
    (r"(?P<json>Expecting value|Expecting ',' delimiter|Expecting ':' delimiter|Expecting property name enclosed in "
     r"double quotes|Unterminated string starting at|Invalid control character at|Invalid \\escape|"
     r"Invalid \\uXXXX escape|Extra data|Illegal trailing comma before end of (?:object|array)): "
     r"line (?P<l>\d+) column (?P<c>\d+) \(char (?P<n>\d+)\)",
     "{json}: dòng {l}, cột {c}"),  # "char" counts from 0: left out
    (r"(?P<e>utf-\S+) byte-order mark but invalid (?P=e) data: (?P<codec>.+)",
     "có dấu BOM {e} nhưng dữ liệu {e} không hợp lệ: {codec}"),
    (r"the file is empty", "tệp rỗng"),
    (r"the file holds only whitespace", "tệp chỉ có khoảng trắng"),
    (r"no text after decoding as (?P<e>\S+)", "không còn văn bản sau khi giải mã theo {e}"),
    (r"(?P<n>\d+) control characters after decoding as (?P<e>\S+)", "{n} ký tự điều khiển sau khi giải mã theo {e}"),
    (r"(?P<n>\d+) of the first (?P<m>\d+) bytes are control characters", "{n} trong {m} byte đầu là ký tự điều khiển"),
    (r"contains NUL bytes", "có byte NUL"),
    (r"looks like a (?P<w>.+)", "có vẻ là {w}"),
    (r"(?P<n>\d+) invalid UTF-8 sequences and not Windows-1258 Vietnamese \(TCVN3/VNI font encodings are not "
     r"supported: re-save the file as UTF-8\)",
     "{n} chuỗi UTF-8 không hợp lệ, cũng không phải tiếng Việt Windows-1258 (không hỗ trợ bảng mã TCVN3/VNI: "
     "hãy lưu lại tệp dạng UTF-8)"),
    (r"(?P<unit>(?:element|line) of )?(?P<n>\d+) bytes, over the (?P<m>\d+)-byte limit \(`ingest --max-bytes` raises it\)",
     "{unit}{n} byte, vượt giới hạn {m} byte (tăng bằng `ingest --max-bytes`)"),
    (r"no such file", "không có tệp này"),
    (r"not a regular file", "không phải tệp thông thường"),
    (r"is a folder that could not be listed", "là thư mục không liệt kê được"),
    (r"no article text found", "không tìm thấy nội dung bài"),
    (r"no 'text', 'content' or 'body' field with text", "không có trường 'text', 'content' hay 'body' chứa văn bản"),
    (r"expected a JSON object, got (?P<t>\w+)", "cần một đối tượng JSON, gặp {t}"),
    (r"expected an object or a list, got (?P<t>\w+)", "cần một đối tượng hoặc danh sách, gặp {t}"),
    (r"empty JSON list", "danh sách JSON rỗng"),
    (r"no JSON lines", "không có dòng JSON nào"),
    # dashboard.store.worker
    (r"extraction failed: (?P<x>.*)", "phân tích thất bại: {x}"),
    (r"publication date (?P<d>[\d-]+) is after the day the article was read \((?P<r>[\d-]+)\)",
     "ngày đăng {d} muộn hơn ngày đọc bài ({r})"),
)
_COMPILED = tuple((re.compile(form, re.S), template) for form, template in _FORMS)
#: What a binary file looks like (dashboard.decode.MAGIC).
_WHAT = {"PDF document": "tài liệu PDF", "PNG image": "ảnh PNG", "JPEG image": "ảnh JPEG", "GIF image": "ảnh GIF",
         "ZIP archive (docx/xlsx?)": "tệp nén ZIP (docx/xlsx?)", "gzip archive": "tệp nén gzip",
         "legacy Office document": "tài liệu Office cũ", "executable": "chương trình chạy được"}
#: JSON value types as Python names them in "title field is a list".
_TYPES = {"list": "danh sách", "dict": "đối tượng", "bool": "giá trị đúng/sai", "NoneType": "null",
          "str": "chuỗi", "int": "số", "float": "số"}
#: A record over the size limit in a feed read in parts ("line of 600 bytes"); a whole file says no unit.
_UNITS = {None: "", "element of ": "phần tử dài ", "line of ": "dòng dài "}
#: The JSON decoder's messages (json.decoder and _json.c).
_JSON = {"Expecting value": "thiếu giá trị", "Expecting ',' delimiter": "thiếu dấu ','",
         "Expecting ':' delimiter": "thiếu dấu ':'",
         "Expecting property name enclosed in double quotes": "thiếu tên trường trong ngoặc kép",
         "Unterminated string starting at": "chuỗi không được đóng",
         "Invalid control character at": "ký tự điều khiển không hợp lệ",
         "Invalid \\escape": "mã thoát \\ không hợp lệ", "Invalid \\uXXXX escape": "mã thoát \\uXXXX không hợp lệ",
         "Extra data": "dữ liệu thừa sau giá trị JSON",
         "Illegal trailing comma before end of object": "dấu phẩy thừa trước khi đóng đối tượng",
         "Illegal trailing comma before end of array": "dấu phẩy thừa trước khi đóng danh sách"}
#: UnicodeDecodeError.reason of the UTF-8/16/32 codecs.
_CODEC = {"unexpected end of data": "dữ liệu dừng giữa chừng", "truncated data": "dữ liệu bị cắt cụt",
          "illegal encoding": "mã hoá sai", "illegal UTF-16 surrogate": "cặp thay thế UTF-16 sai",
          "invalid start byte": "byte mở đầu sai", "invalid continuation byte": "byte tiếp nối sai",
          "code point not in range(0x110000)": "mã ký tự vượt quá 0x10FFFF",
          "code point in surrogate character range": "mã ký tự nằm trong vùng thay thế (surrogate)"}
#: Named groups whose words a table translates: "t" a JSON type, "w" a binary file's kind, "unit" a record's,
#: "json" the JSON decoder's message, "codec" a codec's reason.
_WORDS = {"t": _TYPES, "w": _WHAT, "unit": _UNITS, "json": _JSON, "codec": _CODEC}
#: Groups whose words must be known: another codec's reason leaves the whole warning as stored, not half translated.
_STRICT = ("json", "codec")


def shown(warning: str, lang: str) -> str:
    """``warning`` in ``lang``: Vietnamese for a known form, else as stored."""
    if lang != "vi":
        return warning
    for pattern, template in _COMPILED:
        m = pattern.fullmatch(warning)
        if m is not None:
            parts = m.groupdict()
            if "reason" in parts:
                parts["reason"] = shown(parts["reason"], lang)
            for group, words in _WORDS.items():  # groups holding English words of our own, not article text
                if group in parts:
                    if group in _STRICT and parts[group] not in words:
                        return warning
                    parts[group] = words.get(parts[group], parts[group])
            return template.format(**parts)
    return warning


#: ingest_errors.reason codes (README, "ingest_errors") in Vietnamese.
_REASONS = {
    "not_found": "không tìm thấy tệp",
    "unreadable": "không đọc được tệp",
    "empty": "tệp rỗng",
    "binary": "tệp nhị phân, không phải văn bản",
    "too_large": "quá lớn",
    "undecodable": "không giải mã được",
    "invalid_json": "JSON không hợp lệ",
    "not_an_object": "bản ghi JSON không phải đối tượng",
    "no_text": "không có nội dung bài",
    "internal_error": "lỗi nội bộ",
}


def reason(code: str | None, lang: str) -> str:
    """A quarantine reason code for the reader: 'JSON không hợp lệ (invalid_json)' in Vietnamese."""
    code = code or ""
    if lang != "vi" or code not in _REASONS:
        return code
    return f"{_REASONS[code]} ({code})"
