import VietNormalization
let n = Normalizer()
for s in ["Quận uỷ", "Hoà BÌNH, đường", "thuỷ lợi khoẻ mạnh Quý giữa gìn người hoàn HOÀ", "Quận u\u{309}y", "Ðảng ðoàn Guðmundsson", "a\u{200B}b\r\nc\u{00A0}d", "hòa thủy khỏe lũy qúy hoàn thuyền"] {
  print(n.normalize(s), "|", Normalizer(options: .init(toneStyle: .new)).normalize(s), "|",  Normalizer(options: .searchFolded).normalize(s), "|", Normalizer(options: .init(fold: .tones)).normalize(s))
}
