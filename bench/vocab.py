"""Word pools for the synthetic corpus (``bench.generate``): the genre's vocabulary as data.

Everything here is a tuple, never a set or a dict built from one, so iteration order (and
hence every ``rng.choice``) is the same in every process regardless of PYTHONHASHSEED.
"""
from __future__ import annotations

#: (first-mention form, later forms): first mentions sometimes define the abbreviation
#: inline, later ones use the short alias forms readers see in the press.
ORGS = (
    ("Tổng cục Công nghiệp quốc phòng (CNQP)", ("Tổng cục CNQP", "Tổng cục Công nghiệp Quốc phòng", "TCCNQP")),
    ("Tổng cục Công nghiệp quốc phòng", ("Tổng cục CNQP", "tổng cục")),
    ("Tổng cục Kỹ thuật", ("Tổng cục Kỹ thuật", "TCKT")),
    ("Bộ Quốc phòng (BQP)", ("BQP", "Bộ Quốc phòng")),
    ("Bộ Công Thương", ("Bộ Công Thương", "Bộ CT")),
    ("Quân ủy Trung ương (QUTƯ)", ("QUTƯ", "Quân ủy Trung ương")),
    ("Bộ Tổng Tham mưu", ("Bộ Tổng Tham mưu",)),
    ("Tổng cục Chính trị", ("Tổng cục Chính trị",)),
    ("Tổng cục Hậu cần", ("Tổng cục Hậu cần",)),
    ("Bộ Khoa học và Công nghệ", ("Bộ Khoa học và Công nghệ",)),
    ("Viện Khoa học và Công nghệ quân sự", ("Viện Khoa học và Công nghệ quân sự",)),
    ("Tập đoàn Công nghiệp - Viễn thông Quân đội (Viettel)", ("Viettel", "Tập đoàn Viettel")),
    ("Cục Kinh tế", ("Cục Kinh tế",)),
    ("Cục Kế hoạch và Đầu tư", ("Cục Kế hoạch và Đầu tư",)),
    ("Tổng công ty Ba Son", ("Tổng công ty Ba Son",)),
    ("Tổng công ty Sông Thu", ("Tổng công ty Sông Thu",)),
    ("Ủy ban Quốc phòng và An ninh của Quốc hội", ("Ủy ban Quốc phòng và An ninh",)),
)
MILITARY_REGIONS = tuple(range(1, 10))
FACTORIES = ("Z111", "Z113", "Z114", "Z115", "Z117", "Z119", "Z121", "Z125", "Z127", "Z129",
             "Z131", "Z143", "Z173", "Z176", "Z183", "Z189", "Z195", "Z199")
ACADEMIES = ("Học viện Kỹ thuật quân sự", "Học viện Quốc phòng", "Học viện Hậu cần",
             "Học viện Chính trị", "Học viện Hải quân", "Học viện Biên phòng")
PLACES = ("Hà Nội", "TP Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Thái Nguyên", "Phú Thọ",
          "Bắc Giang", "Thanh Hóa", "Nghệ An", "Khánh Hòa", "Cần Thơ")

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Lương", "Trịnh", "Đinh")
MIDDLES = ("Văn", "Mạnh", "Hồng", "Quang", "Minh", "Tân", "Hoài", "Thanh", "Đức", "Duy", "Sĩ",
           "Sỹ", "Xuân", "Trọng", "Ngọc", "Hữu", "Công", "Thế")
GIVENS = ("Hùng", "Tuấn", "Giang", "Cương", "Minh", "Nam", "Diên", "Chương", "Tấn", "Đức",
          "Hưng", "Dũng", "Thắng", "Sơn", "Hải", "Long", "Trung", "Bình", "Phong", "Quân")
MILITARY_RANKS = ("Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá")
CIVIL_TITLES = ("Bộ trưởng", "Thứ trưởng", "Phó Thủ tướng", "Chủ nhiệm")
#: Positions; "{org}" is filled with an organisation's later form.
POSITIONS = (
    "Chủ nhiệm {org}", "Chính ủy {org}", "Phó chủ nhiệm {org}", "Bí thư Đảng ủy {org}",
    "Phó tổng Tham mưu trưởng Quân đội nhân dân Việt Nam", "Thứ trưởng Bộ Quốc phòng",
    "Ủy viên Ban Chấp hành Trung ương Đảng", "Ủy viên Thường vụ Quân ủy Trung ương",
    "Tham mưu trưởng {org}", "Phó Chính ủy {org}", "Cục trưởng Cục Kinh tế",
)
BYLINE_NAMES = ("SƠN BÌNH", "TIẾN ĐẠT", "TRỌNG HẢI", "HUYỀN MY", "THU HÀ", "MẠNH HƯNG", "NGỌC ANH")
CAPTIONS = ("Quang cảnh hội nghị.", "Toàn cảnh buổi làm việc.", "Các đại biểu dự hội nghị.",
            "Lãnh đạo hai đơn vị tại lễ ký kết.", "Quang cảnh buổi lễ.")

#: (type code, type word, issuers): Party symbols number-TYPE/ISSUER.
PARTY_TYPES = (
    ("NQ", "Nghị quyết", ("TW", "QUTW", "ĐUQSTW")),
    ("KL", "Kết luận", ("TW",)),
    ("CT", "Chỉ thị", ("TW", "QUTW")),
    ("QĐ", "Quyết định", ("QUTW",)),
    ("QĐi", "Quy định", ("TW",)),
    ("HD", "Hướng dẫn", ("TW",)),
    ("TB", "Thông báo", ("TW",)),
)
PARTY_ISSUER_PROSE = {"TW": ("Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương"),
                      "QUTW": ("Quân ủy Trung ương",), "ĐUQSTW": ("Đảng ủy Quân sự Trung ương",)}
#: (type code, type word, issuer code, issuer prose): state symbols number/year/TYPE-ISSUER.
STATE_TYPES = (
    ("NĐ", "Nghị định", "CP", "Chính phủ"),
    ("TT", "Thông tư", "BQP", "Bộ trưởng Bộ Quốc phòng"),
    ("TT", "Thông tư", "BCT", "Bộ trưởng Bộ Công Thương"),
    ("QĐ", "Quyết định", "TTg", "Thủ tướng Chính phủ"),
    ("CT", "Chỉ thị", "TTg", "Thủ tướng Chính phủ"),
)
#: Administrative documents drop the year: number/TYPE-ISSUER.
ADMIN_TYPES = (
    ("QĐ", "Quyết định", "BQP", "Bộ trưởng Bộ Quốc phòng"),
    ("KH", "Kế hoạch", "BQP", "Bộ Quốc phòng"),
    ("QĐ", "Quyết định", "TTg", "Thủ tướng Chính phủ"),
    ("ĐA", "Đề án", "BQP", "Bộ Quốc phòng"),
)
LAWS = ("Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp", "Luật Quốc phòng",
        "Luật Sĩ quan Quân đội nhân dân Việt Nam", "Luật Nghĩa vụ quân sự")
SUBJECTS = (
    "đẩy mạnh phát triển công nghiệp quốc phòng", "hội nhập quốc tế và đối ngoại quốc phòng",
    "xây dựng và phát triển công nghiệp quốc phòng", "chiến lược bảo vệ Tổ quốc trong tình hình mới",
    "công tác kỹ thuật trong Quân đội", "động viên công nghiệp", "quản lý sản xuất quốc phòng",
    "phát triển khoa học, công nghệ quân sự", "tổ chức và hoạt động của các cơ sở công nghiệp quốc phòng",
)
PROGRAMME_SUBJECTS = ("công tác kỹ thuật, công tác công nghiệp quốc phòng",
                      "phát triển công nghiệp lưỡng dụng", "nghiên cứu, chế tạo vũ khí trang bị kỹ thuật",
                      "đào tạo nguồn nhân lực chất lượng cao")
TITLES = (
    "Đẩy mạnh hội nhập quốc tế nâng cao tiềm lực công nghiệp quốc phòng",
    "Phát triển công nghiệp quốc phòng tự lực, tự cường, lưỡng dụng, hiện đại",
    "Đẩy mạnh phối hợp giữa công nghiệp dân sinh và công nghiệp quốc phòng",
    "{org} tổng kết {n} năm thực hiện nghị quyết",
    "{org} triển khai nhiệm vụ năm {y}",
    "Nâng cao năng lực nghiên cứu, sản xuất vũ khí trang bị kỹ thuật",
    "Ký kết chương trình phối hợp giai đoạn {y}-{y2}",
    "Quán triệt, triển khai thực hiện nghị quyết về công nghiệp quốc phòng",
)
#: Body sentences. Slots: {org} organisation, {d} a date phrase, {doc} a short document
#: mention, {n} a small number, {x} a decimal, {p} a percentage.
SENTENCES = (
    "{d}, {org} đã hoàn thành {p}% kế hoạch sản xuất quốc phòng, doanh thu đạt {x} nghìn tỷ đồng.",
    "Trên cơ sở quán triệt {doc}, {org} đã chủ động tham mưu, đề xuất nhiều giải pháp đột phá.",
    "{n} năm qua, {org} luôn quan tâm lãnh đạo, chỉ đạo xây dựng tổ chức đảng trong sạch, vững mạnh.",
    "Năm qua, ngoài những thuận lợi cơ bản, {org} còn gặp nhiều khó khăn do tác động của thị trường.",
    "Thời gian tới, {org} tiếp tục quán triệt sâu sắc {doc}, tập trung hoàn thành các chỉ tiêu đề ra.",
    "Theo kế hoạch, {d}, {org} sẽ đưa vào vận hành dây chuyền công nghệ mới với tổng vốn {x} tỷ đồng.",
    "Sau {n} năm, việc bảo đảm vũ khí, trang bị kỹ thuật đã chuyển từ mua sắm, lắp ráp sang làm chủ nghiên cứu, chế tạo.",
    "Các cơ quan, đơn vị đã tổ chức học tập, quán triệt nghiêm túc {doc} tới {p}% cán bộ, đảng viên.",
    "Công tác phối hợp giữa {org} và các cơ quan chức năng đã tạo ra sự thống nhất, đồng thuận, hiệu quả.",
    "{d}, năng lực nghiên cứu, thiết kế, chế thử của {org} tiếp tục được nâng lên rõ rệt.",
    "Phát triển công nghiệp quốc phòng theo hướng tự lực, tự cường, lưỡng dụng, hiện đại là chủ trương nhất quán của Đảng, Nhà nước.",
    "Hoạt động xúc tiến thương mại và mở rộng thị trường xuất nhập khẩu sản phẩm đã được quan tâm và đạt kết quả nhất định.",
    "Quan tâm chỉ đạo, tạo điều kiện thuận lợi cho các doanh nghiệp trong việc lựa chọn trang thiết bị mới, dây chuyền công nghệ hiện đại.",
    "Chất lượng tổng hợp, trình độ, năng lực sản xuất của các nhà máy được nâng lên, đáp ứng yêu cầu bảo đảm vũ khí trang bị cho lực lượng vũ trang.",
    "Tham gia triển lãm vũ khí, trang bị tại các triển lãm quốc phòng quốc tế, qua đó mở rộng cơ hội hợp tác với các nước.",
    "Đẩy mạnh nghiên cứu khoa học, nêu cao tinh thần đoàn kết, sáng tạo, phối hợp chặt chẽ giữa các cấp, các ngành trong và ngoài quân đội.",
    "Tập trung thực hiện có hiệu quả {doc}, nâng cao năng lực lãnh đạo, sức chiến đấu của Đảng bộ.",
    "{d}, {org} đã tiếp nhận chuyển giao {n} công nghệ tiên tiến, làm chủ sản xuất nhiều loại sản phẩm mới.",
)
FILLER = tuple(s for s in SENTENCES if "{" not in s)
