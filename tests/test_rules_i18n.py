"""The rules at work on pages in languages beyond the eight the rule sets started with:
WordPress's, Jetpack's and common news-site chrome in Russian, Turkish, Swedish, Czech,
Indonesian, Japanese and Chinese. Each page has a menu, a headline, an article (one of its
paragraphs starts with the word a comment section's heading uses), then share and related
boxes and a comment section: a heading, comments that read as prose, the comment form.
Out comes the headline and the article, nothing else."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.registry import load_rules

RULES = load_rules()

# lang: (menu, headline, chrome between headline and text, article paragraphs, what follows the article)
PAGES = {
    "ru": (
        ["Перейти к содержимому", "Главная", "Новости", "Общество", "Культура", "Контакты"],
        "Городской совет одобрил строительство новой дамбы на реке",
        ["Поделиться"],
        [
            "Городской совет в понедельник вечером семью голосами против двух одобрил строительство бетонной дамбы вдоль восточного берега реки, положив конец спору, который разделял город почти три года.",
            "По данным синоптиков, нынешняя весна стала самой дождливой за последние сто лет, а только в марте выпало больше ста миллиметров осадков.",
            "Комментарии жителей на публичных слушаниях были в основном сдержанными, и лишь несколько человек выступили против проекта.",
            "Работы должны начаться летом и продлятся около полутора лет, сообщил мэр города.",
        ],
        [
            "Поделиться ссылкой:", "Twitter", "Facebook", "Нравится:", "Нравится Загрузка...",
            "Читайте также", "Школа в центре города закроется на ремонт", "Мост через реку откроют в апреле",
            "Навигация по записям", "Предыдущая запись", "Новый автобусный маршрут свяжет окраины с центром",
            "3 комментария к “Городской совет одобрил строительство новой дамбы на реке”",
            "Ирина", "12.03.2025 в 14:20",
            "Наконец-то! Мы живём у самой реки и каждую весну боимся, что вода снова зайдёт в подвал. Надеюсь, дамбу построят быстро.",
            "Ответить", "Сергей", "13.03.2025 в 09:05",
            "А кто будет платить за всё это? Опять поднимут налоги, а через пять лет дамбу придётся ремонтировать, как это было с мостом.",
            "Ответить", "Анна", "13.03.2025 в 11:40",
            "Сергей, деньги выделяет область, об этом писали ещё зимой. Лучше заплатить сейчас, чем каждый год откачивать воду из домов.",
            "Ответить",
            "Добавить комментарий Отменить ответ",
            "Ваш адрес email не будет опубликован. Обязательные поля помечены *",
            "Комментарий *", "Имя *", "Email *", "Сайт",
            "Сохранить моё имя, email и адрес сайта в этом браузере для последующих моих комментариев.",
            "Отправить комментарий",
            "© 2025 Городские новости",
        ],
    ),
    "tr": (
        ["İçeriğe geç", "Ana Sayfa", "Gündem", "Ekonomi", "Spor", "İletişim"],
        "Belediye meclisi nehir kıyısına yeni bir set yapılmasını onayladı",
        ["Paylaş"],
        [
            "Belediye meclisi pazartesi akşamı yapılan oturumda, nehrin doğu kıyısı boyunca beton bir taşkın seti inşa edilmesini yediye karşı iki oyla kabul etti ve kenti neredeyse üç yıldır bölen tartışmayı sona erdirdi.",
            "Meteoroloji verilerine göre bu bahar son yüz yılın en yağışlı baharı oldu ve yalnızca mart ayında metrekareye yüz kilogramdan fazla yağış düştü.",
            "Yorumlar genellikle olumluydu; toplantıya katılan mahalle sakinlerinin çoğu projenin bir an önce başlamasını istediklerini söyledi.",
            "İnşaatın yaz aylarında başlaması ve yaklaşık on sekiz ay sürmesi bekleniyor, dedi belediye başkanı.",
        ],
        [
            "Bunu paylaş:", "Twitter", "Facebook", "Bunu beğen:", "Beğen Yükleniyor...",
            "İlgili yazılar", "Şehir merkezindeki okul tadilat için kapanıyor", "Nehir üzerindeki köprü nisanda açılacak",
            "Yazı dolaşımı", "Önceki yazı", "Yeni otobüs hattı mahalleleri merkeze bağlayacak",
            "“Belediye meclisi nehir kıyısına yeni bir set yapılmasını onayladı” için 2 yorum",
            "Ayşe", "12 Mart 2025, 14:20",
            "Sonunda! Biz nehrin hemen yanında oturuyoruz ve her bahar suyun yeniden bodruma girmesinden korkuyoruz. Umarım set çabuk yapılır.",
            "Yanıtla", "Mehmet", "13 Mart 2025, 09:05",
            "Peki bütün bunları kim ödeyecek? Yine vergileri artıracaklar ve beş yıl sonra setin de köprü gibi tamir edilmesi gerekecek.",
            "Yanıtla",
            "Bir yanıt yazın Yanıtı iptal et",
            "E-posta adresiniz yayınlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir",
            "Yorum *", "Ad *", "E-posta *", "İnternet sitesi",
            "Daha sonraki yorumlarımda kullanılması için adım, e-posta adresim ve site adresim bu tarayıcıya kaydedilsin.",
            "Yorum gönder",
            "© 2025 Şehir Haberleri",
        ],
    ),
    "sv": (
        ["Hoppa till innehåll", "Hem", "Nyheter", "Sport", "Kultur", "Kontakt"],
        "Kommunfullmäktige godkänner ny översvämningsvall längs älven",
        ["Dela"],
        [
            "Kommunfullmäktige röstade på måndagskvällen med sju röster mot två för att bygga en betongvall längs älvens östra strand, efter en debatt som har delat staden i nästan tre år.",
            "Enligt SMHI var våren den blötaste på hundra år, och bara i mars föll mer än hundra millimeter regn över kommunen.",
            "Kommentarer från invånarna vid det öppna mötet var mestadels positiva, och bara ett fåtal talade emot förslaget.",
            "Arbetet väntas börja i sommar och ta ungefär arton månader, säger kommunstyrelsens ordförande.",
        ],
        [
            "Dela det här:", "Twitter", "Facebook", "Gilla detta:", "Gilla Laddar in...",
            "Relaterade", "Skolan i centrum stänger för renovering", "Bron över älven öppnar i april",
            "Inläggsnavigering", "Föregående inlägg", "Ny busslinje ska knyta ihop förorterna med centrum",
            "2 reaktioner på “Kommunfullmäktige godkänner ny översvämningsvall längs älven”",
            "Anna", "12 mars 2025 kl. 14:20",
            "Äntligen! Vi bor precis vid älven och är rädda varje vår att vattnet ska komma in i källaren igen. Jag hoppas att vallen byggs snabbt.",
            "Svara", "Lars", "13 mars 2025 kl. 09:05",
            "Och vem ska betala för allt det här? De höjer skatten igen, och om fem år måste vallen lagas precis som bron.",
            "Svara",
            "Lämna ett svar Avbryt svar",
            "Din e-postadress kommer inte publiceras. Obligatoriska fält är märkta *",
            "Kommentar *", "Namn *", "E-post *", "Webbplats",
            "Spara mitt namn, min e-postadress och webbplats i denna webbläsare till nästa gång jag skriver en kommentar.",
            "Publicera kommentar",
            "© 2025 Lokalnytt",
        ],
    ),
    "cs": (
        ["Přejít k obsahu", "Domů", "Zprávy", "Sport", "Kultura", "Kontakt"],
        "Zastupitelstvo schválilo stavbu nové protipovodňové hráze u řeky",
        ["Sdílet"],
        [
            "Městské zastupitelstvo v pondělí večer sedmi hlasy proti dvěma schválilo stavbu betonové hráze podél východního břehu řeky, čímž skončila debata, která město rozdělovala téměř tři roky.",
            "Podle meteorologů bylo letošní jaro nejdeštivější za posledních sto let a jen v březnu spadlo přes sto milimetrů srážek.",
            "Komentáře obyvatel na veřejném projednání byly většinou příznivé a proti návrhu vystoupilo jen několik lidí.",
            "Práce by měly začít v létě a potrvat zhruba osmnáct měsíců, uvedl starosta.",
        ],
        [
            "Sdílet:", "Twitter", "Facebook", "To se mi líbí:",
            "Související články", "Škola v centru se zavře kvůli opravám", "Most přes řeku otevřou v dubnu",
            "Navigace pro příspěvek", "Předchozí příspěvek", "Nová autobusová linka propojí okrajové čtvrti s centrem",
            "2 komentáře u „Zastupitelstvo schválilo stavbu nové protipovodňové hráze u řeky“",
            "Jana", "12. 3. 2025 v 14:20",
            "Konečně! Bydlíme přímo u řeky a každé jaro se bojíme, že nám voda zase vteče do sklepa. Doufám, že hráz postaví rychle.",
            "Odpovědět", "Petr", "13. 3. 2025 v 9:05",
            "A kdo to všechno zaplatí? Zase zvednou daně a za pět let bude potřeba hráz opravovat, stejně jako most.",
            "Odpovědět",
            "Napsat komentář Zrušit odpověď na komentář",
            "Vaše e-mailová adresa nebude zveřejněna. Vyžadované informace jsou označeny *",
            "Komentář *", "Jméno *", "E-mail *", "Webová stránka",
            "Uložit do prohlížeče jméno, e-mail a webovou stránku pro budoucí komentáře.",
            "Odeslat komentář",
            "© 2025 Městské noviny",
        ],
    ),
    "id": (
        ["Langsung ke konten", "Beranda", "Berita", "Olahraga", "Budaya", "Kontak"],
        "DPRD setujui pembangunan tanggul baru di tepi sungai",
        ["Bagikan"],
        [
            "Dewan Perwakilan Rakyat Daerah pada Senin malam menyetujui pembangunan tanggul beton di sepanjang tepi timur sungai dengan tujuh suara berbanding dua, mengakhiri perdebatan yang telah memecah kota selama hampir tiga tahun.",
            "Menurut badan meteorologi, musim hujan tahun ini adalah yang terbasah dalam seratus tahun terakhir, dan pada bulan Maret saja curah hujan mencapai lebih dari tiga ratus milimeter.",
            "Komentar warga dalam rapat dengar pendapat sebagian besar positif, dan hanya beberapa orang yang menolak rencana tersebut.",
            "Pekerjaan diperkirakan dimulai pada bulan Juli dan berlangsung sekitar delapan belas bulan, kata wali kota.",
        ],
        [
            "Bagikan ini:", "Twitter", "Facebook", "Suka ini:", "Suka Memuat...",
            "Baca Juga", "Sekolah di pusat kota ditutup untuk renovasi", "Jembatan di atas sungai dibuka bulan April",
            "Navigasi pos", "Pos sebelumnya", "Rute bus baru hubungkan pinggiran kota dengan pusat",
            "2 pemikiran pada “DPRD setujui pembangunan tanggul baru di tepi sungai”",
            "Siti", "12 Maret 2025 pukul 14:20",
            "Akhirnya! Kami tinggal tepat di pinggir sungai dan setiap tahun kami takut air masuk lagi ke rumah. Semoga tanggulnya cepat dibangun.",
            "Balas", "Budi", "13 Maret 2025 pukul 09:05",
            "Lalu siapa yang akan membayar semua ini? Pajak pasti naik lagi, dan lima tahun lagi tanggulnya harus diperbaiki seperti jembatan itu.",
            "Balas",
            "Tinggalkan Balasan Batalkan balasan",
            "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
            "Komentar *", "Nama *", "Email *", "Situs Web",
            "Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.",
            "Kirim Komentar",
            "© 2025 Kabar Kota",
        ],
    ),
    "ja": (
        ["コンテンツへスキップ", "ホーム", "ニュース", "スポーツ", "文化", "お問い合わせ"],
        "市議会、川沿いの新しい堤防の建設を承認",
        ["シェアする"],
        [
            "市議会は月曜日の夜、川の東岸に沿ってコンクリート製の堤防を建設する計画を賛成七、反対二で可決し、三年近く市を二分してきた議論に決着をつけた。",
            "気象台によると、今年の春は過去百年で最も雨が多く、三月だけで三百ミリを超える雨が降った。",
            "コメントを寄せた住民の多くは計画に前向きで、公聴会で反対意見を述べたのはわずか数人だった。",
            "工事は夏に始まり、約一年半かかる見込みだと市長は述べた。",
        ],
        [
            "共有:", "Twitter", "Facebook", "いいね:", "いいね 読み込み中…",
            "関連記事", "市中心部の小学校、改修のため休校へ", "川に架かる橋、四月に開通",
            "投稿ナビゲーション", "前の投稿", "新しいバス路線、郊外と中心部を結ぶ",
            "“市議会、川沿いの新しい堤防の建設を承認” への2件のフィードバック",
            "田中", "2025年3月12日 14:20",
            "やっと決まりましたね。うちは川のすぐそばに住んでいて、毎年春になると地下室に水が入ってこないか心配でした。早く完成してほしいです。",
            "返信", "佐藤", "2025年3月13日 9:05",
            "でも、この費用は誰が払うのでしょうか。また税金が上がって、五年後には橋と同じように修理が必要になるのではないかと思います。",
            "返信",
            "コメントを残す コメントをキャンセル",
            "メールアドレスが公開されることはありません。 * が付いている欄は必須項目です",
            "コメント *", "名前 *", "メール *", "サイト",
            "次回のコメントで使用するためブラウザーに自分の名前、メールアドレス、サイトを保存する。",
            "コメントを送信",
            "© 2025 市民ニュース",
        ],
    ),
    "zh": (
        ["跳至内容", "首页", "新闻", "体育", "文化", "联系我们"],
        "市议会批准在河岸修建新堤坝",
        ["分享"],
        [
            "市议会周一晚间以七票赞成、两票反对通过了沿河东岸修建混凝土防洪堤的计划，结束了这场让全市争论了将近三年的辩论。",
            "据气象部门统计，今年春季是一百年来降雨最多的春季，仅三月份的降雨量就超过了三百毫米。",
            "评论人士普遍认为，这项计划虽然耗资巨大，但对常年受洪水威胁的沿河居民来说是必要的。",
            "市长表示，工程预计将于夏季开工，工期约为十八个月。",
        ],
        [
            "分享此文：", "Twitter", "Facebook", "喜欢 加载中…",
            "相关文章", "市中心小学将停课装修", "跨河大桥四月通车",
            "文章导航", "上一篇文章", "新公交线路连接郊区与市中心",
            "《市议会批准在河岸修建新堤坝》上有2条评论",
            "小王", "2025年3月12日 下午2:20",
            "终于等到了！我们家就住在河边，每年春天都担心河水又会灌进地下室。去年的洪水把我们一楼的家具全都泡坏了，希望堤坝能尽快建好。",
            "回复", "老李", "2025年3月13日 上午9:05",
            "那这些钱谁来出呢？肯定又要涨税，五年以后堤坝说不定也要像那座桥一样大修。我觉得市里应该先把旧的排水管道修好，再考虑建新的堤坝。",
            "回复", "河边居民", "2025年3月13日 上午11:40",
            "老李，修堤的钱主要是省里拨款，这件事冬天的时候报纸上就报道过了。与其每年汛期都从家里往外抽水，还不如现在花钱一次性解决问题。",
            "回复",
            "发表回复 取消回复",
            "您的电子邮箱地址不会被公开。 必填项已用*标注",
            "评论 *", "显示名称 *", "电子邮箱地址 *", "网站",
            "在此浏览器中保存我的显示名称、邮箱地址和网站地址，以便下次评论时使用。",
            "发表评论",
            "© 2025 城市新闻",
        ],
    ),
}


# Chinese and Japanese pages come with a blank line between text nodes: the segmenter reads
# a run of lines of an unspaced script without blank lines as hard-wrapped text, and would
# join the share label to the first paragraph (a matter of segmentation, not of the rules).
BLANK_LINES = {"ja", "zh"}


def _page(lang: str) -> str:
    menu, title, before, body, after = PAGES[lang]
    return ("\n\n" if lang in BLANK_LINES else "\n").join([*menu, title, *before, *body, *after]) + "\n"


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_comment_section_in_the_page_s_language_ends_the_article(lang, options):
    """Headline and article out; the comments, though they read as prose, and all the
    chrome around them dropped."""
    _, title, _, body, _ = PAGES[lang]
    result = clean(_page(lang), options)
    assert result.title == title, f"[{lang}] headline:\n{result.text}"
    assert result.body == body, f"[{lang}] body:\n{result.text}"
    assert result.text == title + "\n\n" + "\n\n".join(body) + "\n"


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_comment_heading_is_recognised(lang):
    """The comment section's heading is claimed by a rule that ends the article, and the
    article's paragraph that starts with the same word is claimed by none."""
    _, _, _, body, after = PAGES[lang]
    heading = next(line for line in after if line[:1].isdigit() or line[:1] in "“《")
    m = RULES.match(heading)
    assert m is not None and m.rule.action == "end", (heading, m)
    for paragraph in body:
        assert RULES.match(paragraph) is None, paragraph
