/// Keys of the function words the recognizers' grammar tests for ("số", "ngày", "của"…).
///
/// These are the grammar's own words, not data: each one is named where a rule uses it. A class,
/// so that the recognizers' many `words.…` reads share one instance instead of copying dozens of
/// fields on each (the copies cost a third of the tagger's time in a profile).
final class EntityWords: Sendable {
  let so, ngay, thang, nam, cua, va, khoa, dang, ve, boi: UInt64
  /// "từ", "đến", "tới", "hết": the ends of a date range ("từ ngày 1 đến ngày 3/7/2025", "đến
  /// hết ngày 30 tháng 6").
  let tu, den, toi, het: UInt64
  /// "các": before a list of citations ("Căn cứ các Nghị định …").
  let cac: UInt64
  /// "Việt Nam" completing a national body ("Hội Cựu chiến binh Việt Nam"); "nước Cộng hòa xã
  /// hội chủ nghĩa Việt Nam" completing the state's bodies and its constitution.
  let vietNam, nuocCHXHCNVN: [UInt64]
  /// "khối": a block of agencies or enterprises a Party or mass organisation is set up for
  /// ("Đảng bộ Khối các cơ quan tỉnh"); "quý", before a number that is a quarter, not a month.
  let khoi, quy: UInt64
  /// "xã hội" and "hội": "CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA" is no association ("Hội") even when a
  /// line break splits the word.
  let xa, hoi: UInt64
  /// "cấp": "UBND cấp tỉnh" is every province's (generic); "Bộ Nội vụ cấp" is a verb.
  let cap: UInt64
  /// "Đoàn" completing "Trung ương Đoàn" (the Youth Union's central body).
  let doan: UInt64
  /// Ho Chi Minh City abbreviated: "TPHCM", "TP.HCM" as one token; "TP" and "HCM" apart.
  let cityAbbreviations: KeySet
  let tp, hcm: UInt64
  /// "điện tử" ending "Cổng thông tin điện tử", and "Báo": before a unit's name they make it a
  /// portal's or a newspaper's.
  let dienTu: [UInt64]
  let bao: UInt64
  /// "thường trực": after a title head it qualifies the post ("Thứ trưởng Thường trực").
  let thuongTruc: [UInt64]
  /// "ủy viên", "UV": a member of the organ after it ("ủy viên Thường trực HĐND tỉnh").
  let uyVien, uv: [UInt64]
  /// "điều": an article, in pin cites before a citation ("Điều 5 của Nghị định …").
  let dieu: UInt64
  /// "luật": laws counted, not named ("sửa đổi, bổ sung một số điều của 37 luật có liên quan").
  let luat: UInt64
  /// "hội nghị", "đại hội", "ban hành", "lần thứ", "đại biểu toàn quốc", "đại biểu" (a body's
  /// congress of delegates: "Đại hội đại biểu Đảng bộ tỉnh lần thứ XX").
  let hoiNghi, daiHoi, banHanh, lanThu, daiBieuToanQuoc, daiBieu: [UInt64]
  /// "sửa đổi", "bổ sung", "một số điều": the name of an amending law ("Luật sửa đổi, bổ sung
  /// một số điều của Luật Đất đai").
  let suaDoi, boSung, motSoDieu: [UInt64]
  /// "căn cứ", which opens a clause of the documents a text is based on.
  let canCu: [UInt64]
  /// Words that may stand between a relation cue and the citation it governs ("Căn cứ các
  /// Luật", "thay thế khoản 2 Điều 5 của Nghị định", "thực hiện có hiệu quả Nghị quyết").
  let relationGlue: KeySet
  /// Words before a day and month that make them a date ("Sáng 11/6", "Ngày 08/6").
  let dateCues: KeySet
  /// Words before a unit word that make it generic ("các chi bộ", "một số Đảng bộ").
  let quantifiers: KeySet
  /// Words after a unit that make it generic ("chi bộ cơ sở", "đảng bộ trực thuộc").
  let genericFollowers: KeySet
  /// Words after a number that make "Kế hoạch 5 năm" a span of time, not a document.
  let measureWords: KeySet
  /// Words that end a law's name when written in lowercase ("Luật Đất đai quy định…").
  let lawNameStops: KeySet
  /// Verbs that end an agency's name written in lowercase ("Trường Chính trị tổ chức …").
  let nameStops: KeySet
  /// Function words no agency name runs through, even right after a capitalised syllable
  /// ("Phòng Nghiệp vụ thuộc …", "Sở Y tế tại …").
  let nameBreaks: KeySet
  /// Lowercase words that belong to an agency's name wherever they stand ("Học viện Chính trị
  /// quốc gia", "Tòa án nhân dân tối cao").
  let nameTails: [[UInt64]]
  /// Verbs and words after which a title is the object, not a post held ("thôi Chủ nhiệm").
  let titleObjectVerbs: KeySet

  init(keys: (String) -> [UInt64]) {
    func key(_ word: String) -> UInt64 { keys(word).first ?? 0 }
    func set(_ list: [String]) -> KeySet { KeySet(list.map(key)) }
    so = key("số")
    ngay = key("ngày")
    thang = key("tháng")
    nam = key("năm")
    cua = key("của")
    xa = key("xã")
    hoi = key("hội")
    va = key("và")
    khoa = key("khóa")
    dang = key("đảng")
    ve = key("về")
    boi = key("bởi")
    dieu = key("điều")
    luat = key("luật")
    vietNam = keys("Việt Nam")
    nuocCHXHCNVN = keys("nước Cộng hòa xã hội chủ nghĩa Việt Nam")
    khoi = key("khối")
    dienTu = keys("điện tử")
    bao = key("báo")
    quy = key("quý")
    thuongTruc = keys("thường trực")
    uyVien = keys("ủy viên")
    uv = keys("UV")
    tu = key("từ")
    cac = key("các")
    den = key("đến")
    toi = key("tới")
    het = key("hết")
    hoiNghi = keys("hội nghị")
    daiHoi = keys("đại hội")
    banHanh = keys("ban hành")
    lanThu = keys("lần thứ")
    daiBieuToanQuoc = keys("đại biểu toàn quốc")
    daiBieu = keys("đại biểu")
    suaDoi = keys("sửa đổi")
    canCu = keys("căn cứ")
    boSung = keys("bổ sung")
    motSoDieu = keys("một số điều")
    relationGlue = set([
      "các", "theo", "quy", "định", "tại", "của", "một", "số", "điều", "khoản", "điểm", "mục",
      "chương", "phụ",
      "lục", "và", "tốt", "nghiêm", "túc", "có", "hiệu", "quả", "tiếp", "tục", "thi", "hành", "đã",
      "được",
      "nội", "dung", "văn", "bản", "hợp", "nhất", "toàn", "bộ", "biện", "pháp", "chi", "tiết", "để",
      "bởi",
    ])
    dateCues = set([
      "ngày", "sáng", "chiều", "trưa", "tối", "đêm", "hôm", "mùng", "mồng", "nay", "mai",
    ])
    quantifiers = set(["các", "những", "mỗi", "từng", "nhiều", "mọi", "số", "vài", "hai", "bốn"])
    genericFollowers = set(["cơ", "trực", "viên"])
    cap = key("cấp")
    doan = key("đoàn")
    cityAbbreviations = set(["TPHCM"])
    tp = key("TP")
    hcm = key("HCM")
    measureWords = set([
      "năm", "tháng", "tuần", "ngày", "điểm", "mục", "nhiệm", "giải", "tiêu", "chỉ", "người",
      "đồng", "tỷ",
      "triệu", "nghìn", "xã", "lần", "bước", "nhóm", "lĩnh", "chương", "phần", "trang", "nội", "%",
    ])
    lawNameStops = set([
      "được", "đã", "có", "quy", "là", "thì", "này", "tại", "trong", "theo", "về", "với", "do",
      "để", "cho", "khi",
      "nhằm", "đối", "các", "những", "sẽ", "phải", "đang", "vừa", "mới", "không", "cần", "nêu",
      "thông", "sau",
      "trước", "hiện", "từ", "đến", "nay", "hướng", "ban", "sửa", "hết", "bị", "mà", "như", "thay",
    ])
    nameStops = set([
      "tổ", "tiến", "triển", "thực", "phối", "tham", "chỉ", "báo", "họp", "phát", "tuyên", "quán",
      "kiểm",
      "giám", "đề", "nhấn", "khẳng", "yêu", "đánh", "trao", "tặng", "tiếp", "làm", "lãnh", "cùng",
      "đi", "tới",
      "dự", "chủ", "tập", "xây", "giao", "gửi", "nhận", "ký", "và", "hoặc", "hay", "năm", "ngày",
      "tháng", "lần",
      "kỳ", "khóa", "nhiệm", "giai", "số", "sáng", "chiều", "hôm", "vào", "ra", "lên", "xuống",
      "bị", "nên",
    ])
    nameBreaks = set([
      "thuộc", "tại", "về", "với", "theo", "được", "đã", "là", "có", "để", "cho", "trong", "do",
      "này", "đang", "sẽ",
      "vừa", "cũng", "đều", "phải", "nhằm", "khi", "nếu", "thì", "mà", "như", "từ", "đến", "trên",
      "dưới",
    ])
    nameTails = ["quốc gia", "nhân dân", "tối cao", "trung ương", "khu vực"].map(keys)
    titleObjectVerbs = set(["thôi", "giữ", "làm", "bầu", "cử", "miễn", "nhiệm", "kiêm"])
  }
}
