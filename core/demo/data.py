"""Word lists for the demo generator (core/demo.py): names, addresses, notes.

Names in non-Latin scripts carry their usual Latin spelling after a colon
(`Ελένη:Eleni`), which the generator uses for email addresses and for customers
whose name the shop wrote down in Latin letters.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Culture:
    """Given names and family names people of one language really have."""

    key: str
    phone_region: str  # where a customer from abroad has their phone number
    female: tuple[str, ...]
    male: tuple[str, ...]
    last: tuple[str, ...]
    # Family names with a feminine form (Kowalska, Papadopoulou, Ivanova).
    last_female: tuple[str, ...] = ()


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split("|") if w.strip())


CULTURES = {
    c.key: c
    for c in [
        Culture(
            "en", "US",
            _words("Emma|Olivia|Ava|Sophia|Isabella|Mia|Charlotte|Amelia|Harper|Evelyn|Abigail|"
                   "Emily|Ella|Grace|Chloe|Hannah|Lily|Zoe|Nora|Claire|Ruth|Margaret|Susan|"
                   "Linda|Karen|Nancy|Deborah|Jessica|Ashley|Megan"),
            _words("Liam|Noah|Oliver|James|William|Benjamin|Lucas|Henry|Alexander|Michael|"
                   "Daniel|Matthew|Jack|Samuel|David|Joseph|John|Robert|Thomas|Charles|"
                   "Christopher|Andrew|Joshua|Ryan|Nathan|Owen|Caleb|Ethan|Patrick|George"),
            _words("Smith|Johnson|Williams|Brown|Jones|Miller|Davis|Wilson|Anderson|Taylor|"
                   "Thomas|Moore|Jackson|Martin|Lee|Thompson|White|Harris|Clark|Lewis|Robinson|"
                   "Walker|Young|Allen|King|Wright|Scott|Hill|Green|Adams|Baker|Nelson|Carter|"
                   "Mitchell|Campbell|Roberts|Turner|Phillips|Parker|Evans|Edwards|Collins|"
                   "Stewart|Morris|Murphy|Cook|Rogers|Morgan|Cooper|Peterson|O'Brien|O'Connor"),
        ),
        Culture(
            "fr", "FR",
            _words("Amélie|Chloé|Léa|Manon|Camille|Inès|Zoé|Élodie|Hélène|Céline|Margaux|"
                   "Anaïs|Noémie|Maëlle|Clémence|Juliette|Gaëlle|Béatrice|Françoise|Océane"),
            _words("Étienne|François|Jérôme|Léo|Hugo|Théo|Raphaël|Noël|Gaël|Benoît|Loïc|"
                   "Aurélien|Cédric|Sébastien|Thierry|Frédéric|René|André|Jean-Luc|Maël"),
            _words("Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|"
                   "Lefèvre|Lefebvre|Fournier|Girard|Mercier|Bonnet|Lambert|Fontaine|Rousseau|"
                   "Vincent|Chevalier|Gauthier|Faure|André|Brûlé|Boucher|Lemaître|Girardeau|"
                   "Bélanger|Côté|Gagné|Lévesque"),
        ),
        Culture(
            "de", "DE",
            _words("Jutta|Anja|Sabine|Ursula|Brigitte|Jördis|Katrin|Lena|Lea|Hannah|Sophie|"
                   "Marie|Greta|Frieda|Käthe|Lotte|Anneliese|Dörte|Mareike|Ilse"),
            _words("Jürgen|Günter|Jörg|Lukas|Maximilian|Felix|Paul|Jonas|Björn|Sören|Uwe|"
                   "Klaus|Dieter|Matthias|Stefan|Tobias|Florian|Bernd|Horst|Wolfgang"),
            _words("Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Hoffmann|"
                   "Schäfer|Koch|Bauer|Richter|Klein|Wolf|Schröder|Neumann|Schwarz|Zimmermann|"
                   "Braun|Krüger|Hofmann|Hartmann|Lange|Schmitt|Werner|Krause|Meier|Lehmann|"
                   "Köhler|Weiß|Jäger|Böhm|Groß|Günther|Vogel|Fuchs|Möller|Brückner"),
        ),
        Culture(
            "es", "ES",
            _words("María|Lucía|Sofía|Martina|Paula|Valentina|Julia|Daniela|Alba|Carmen|"
                   "Ana|Inés|Begoña|Pilar|Rocío|Ximena|Camila|Guadalupe|Ángela|Nuria"),
            _words("José|Hugo|Martín|Lucas|Mateo|Alejandro|Pablo|Álvaro|Adrián|Javier|"
                   "Sergio|Iñaki|Andrés|Rubén|Jesús|Ramón|Joaquín|Íñigo|Tomás|Óscar"),
            _words("García|Fernández|González|Rodríguez|López|Martínez|Sánchez|Pérez|Gómez|"
                   "Martín|Jiménez|Ruiz|Hernández|Díaz|Moreno|Muñoz|Álvarez|Romero|Alonso|"
                   "Gutiérrez|Navarro|Torres|Domínguez|Vázquez|Ramos|Gil|Ramírez|Serrano|"
                   "Blanco|Suárez|Núñez|Ibáñez|Peña|Castaño|Ordóñez"),
        ),
        Culture(
            "pt", "PT",
            _words("Ana|Beatriz|Inês|Leonor|Matilde|Mariana|Carolina|Joana|Conceição|Fátima|"
                   "Luísa|Graça|Letícia|Débora|Júlia"),
            _words("João|António|Gonçalo|Tomás|Rodrigo|Duarte|Afonso|Simão|Sebastião|Lourenço|"
                   "Vítor|Rúben|Luís|Estêvão|Caetano"),
            _words("Silva|Santos|Ferreira|Pereira|Oliveira|Costa|Rodrigues|Martins|Jesus|Sousa|"
                   "Fernandes|Gonçalves|Gomes|Lopes|Marques|Ribeiro|Simões|Conceição|Brandão|"
                   "Magalhães|Assunção|Araújo"),
        ),
        Culture(
            "pl", "PL",
            _words("Zofia|Małgorzata|Agnieszka|Katarzyna|Joanna|Łucja|Zuzanna|Alicja|Jadwiga|"
                   "Bożena|Grażyna|Halina|Wiktoria|Magdalena|Iwona"),
            _words("Łukasz|Paweł|Michał|Grzegorz|Wojciech|Jakub|Krzysztof|Piotr|Tomasz|"
                   "Zbigniew|Mirosław|Jarosław|Stanisław|Bartłomiej|Maciej"),
            _words("Nowak|Kowalski|Wiśniewski|Wójcik|Kowalczyk|Kamiński|Lewandowski|"
                   "Zieliński|Szymański|Woźniak|Dąbrowski|Kozłowski|Jankowski|Mazur|Krawczyk|"
                   "Piotrowski|Grabowski|Pawłowski|Michalski|Król"),
            _words("Nowak|Kowalska|Wiśniewska|Wójcik|Kowalczyk|Kamińska|Lewandowska|"
                   "Zielińska|Szymańska|Woźniak|Dąbrowska|Kozłowska|Jankowska|Mazur|Krawczyk|"
                   "Piotrowska|Grabowska|Pawłowska|Michalska|Król"),
        ),
        Culture(
            "tr", "TR",
            _words("Ayşe|Fatma|Zeynep|Elif|Emine|Hülya|Gülşen|Şule|Özlem|Büşra|Çiğdem|Ebru|"
                   "Derya|Yağmur|İpek"),
            _words("Mehmet|Mustafa|Ahmet|Ali|Hüseyin|İbrahim|Çağlar|Barış|Oğuz|Gökhan|"
                   "Emre|Burak|Şahin|Ömer|Uğur"),
            _words("Yılmaz|Kaya|Demir|Şahin|Çelik|Yıldız|Yıldırım|Öztürk|Aydın|Özdemir|"
                   "Arslan|Doğan|Kılıç|Aslan|Çetin|Koç|Kurt|Özkan|Şimşek|Güneş"),
        ),
        Culture(
            "vi", "VN",
            _words("Lan|Linh|Hương|Thảo|Trang|Ngọc|Phương|Hằng|Thúy|Mai|Quỳnh|Hồng|Yến|"
                   "Diệp|Tuyết"),
            _words("Minh|Tuấn|Hùng|Dũng|Quang|Đức|Khoa|Phúc|Thắng|Long|Hiếu|Việt|Bảo|Huy|"
                   "Nghĩa"),
            _words("Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý"),
        ),
        Culture(
            "el", "GR",
            _words("Ελένη:Eleni|Μαρία:Maria|Κατερίνα:Katerina|Σοφία:Sofia|Δήμητρα:Dimitra|"
                   "Αναστασία:Anastasia|Γεωργία:Georgia|Ιωάννα:Ioanna|Χριστίνα:Christina|"
                   "Βασιλική:Vasiliki"),
            _words("Γιώργος:Giorgos|Δημήτρης:Dimitris|Νίκος:Nikos|Κώστας:Kostas|Γιάννης:Giannis|"
                   "Παναγιώτης:Panagiotis|Χρήστος:Christos|Αλέξανδρος:Alexandros|"
                   "Σπύρος:Spyros|Θανάσης:Thanasis"),
            _words("Παπαδόπουλος:Papadopoulos|Παππάς:Pappas|Οικονόμου:Oikonomou|"
                   "Γεωργίου:Georgiou|Νικολάου:Nikolaou|Βλάχος:Vlachos|Αντωνίου:Antoniou|"
                   "Καραγιάννης:Karagiannis|Μακρής:Makris|Ιωάννου:Ioannou"),
            _words("Παπαδοπούλου:Papadopoulou|Παππά:Pappa|Οικονόμου:Oikonomou|"
                   "Γεωργίου:Georgiou|Νικολάου:Nikolaou|Βλάχου:Vlachou|Αντωνίου:Antoniou|"
                   "Καραγιάννη:Karagianni|Μακρή:Makri|Ιωάννου:Ioannou"),
        ),
        Culture(
            "ru", "RU",
            _words("Анна:Anna|Ольга:Olga|Наталья:Natalya|Екатерина:Ekaterina|Татьяна:Tatyana|"
                   "Алёна:Alyona|Мария:Maria|Ирина:Irina|Светлана:Svetlana|Юлия:Yulia|"
                   "Оксана:Oksana|Дарья:Darya"),
            _words("Алексей:Alexey|Дмитрий:Dmitry|Сергей:Sergey|Андрей:Andrey|Иван:Ivan|"
                   "Михаил:Mikhail|Артём:Artyom|Николай:Nikolay|Фёдор:Fyodor|Пётр:Pyotr|"
                   "Олег:Oleg|Юрий:Yuri"),
            _words("Иванов:Ivanov|Смирнов:Smirnov|Кузнецов:Kuznetsov|Попов:Popov|"
                   "Соколов:Sokolov|Лебедев:Lebedev|Козлов:Kozlov|Новиков:Novikov|"
                   "Морозов:Morozov|Волков:Volkov|Шевченко:Shevchenko|Ковальчук:Kovalchuk|"
                   "Семёнов:Semyonov|Королёв:Korolyov"),
            _words("Иванова:Ivanova|Смирнова:Smirnova|Кузнецова:Kuznetsova|Попова:Popova|"
                   "Соколова:Sokolova|Лебедева:Lebedeva|Козлова:Kozlova|Новикова:Novikova|"
                   "Морозова:Morozova|Волкова:Volkova|Шевченко:Shevchenko|"
                   "Ковальчук:Kovalchuk|Семёнова:Semyonova|Королёва:Korolyova"),
        ),
        Culture(
            "zh", "CN",
            _words("秀英:Xiuying|丽:Li|静:Jing|敏:Min|婷:Ting|芳:Fang|雪:Xue|佳怡:Jiayi|"
                   "欣怡:Xinyi|美玲:Meiling"),
            _words("伟:Wei|强:Qiang|磊:Lei|军:Jun|洋:Yang|杰:Jie|浩:Hao|宇轩:Yuxuan|子豪:Zihao|"
                   "建华:Jianhua"),
            _words("王:Wang|李:Li|张:Zhang|刘:Liu|陈:Chen|杨:Yang|黄:Huang|赵:Zhao|吴:Wu|"
                   "周:Zhou|徐:Xu|孙:Sun|马:Ma|朱:Zhu|胡:Hu|林:Lin|郭:Guo|何:He"),
        ),
        Culture(
            "ja", "JP",
            _words("さくら:Sakura|陽菜:Hina|結衣:Yui|美咲:Misaki|葵:Aoi|由美子:Yumiko|"
                   "恵子:Keiko|明美:Akemi|千尋:Chihiro|真由美:Mayumi"),
            _words("翔太:Shota|大輔:Daisuke|健太:Kenta|拓也:Takuya|蓮:Ren|悠真:Yuma|"
                   "浩:Hiroshi|誠:Makoto|直樹:Naoki|隆:Takashi"),
            _words("佐藤:Sato|鈴木:Suzuki|高橋:Takahashi|田中:Tanaka|伊藤:Ito|渡辺:Watanabe|"
                   "山本:Yamamoto|中村:Nakamura|小林:Kobayashi|加藤:Kato|吉田:Yoshida|"
                   "山田:Yamada"),
        ),
        Culture(
            "ko", "KR",
            _words("민지:Minji|서연:Seoyeon|지우:Jiwoo|하은:Haeun|수빈:Subin|지은:Jieun|"
                   "예진:Yejin|은지:Eunji|혜진:Hyejin|유나:Yuna"),
            _words("민준:Minjun|서준:Seojun|도윤:Doyun|지호:Jiho|현우:Hyunwoo|준호:Junho|"
                   "성민:Seongmin|동현:Donghyun|재훈:Jaehoon|태양:Taeyang"),
            _words("김:Kim|이:Lee|박:Park|최:Choi|정:Jung|강:Kang|조:Cho|윤:Yoon|장:Jang|임:Lim|"
                   "한:Han|오:Oh|서:Seo|신:Shin"),
        ),
        Culture(
            "ar", "SA",
            _words("فاطمة:Fatima|عائشة:Aisha|مريم:Maryam|نور:Nour|ليلى:Layla|سارة:Sara|"
                   "زينب:Zainab|هدى:Huda|ياسمين:Yasmin|رانيا:Rania"),
            _words("محمد:Mohammed|أحمد:Ahmed|علي:Ali|عمر:Omar|يوسف:Youssef|خالد:Khaled|"
                   "حسن:Hassan|إبراهيم:Ibrahim|كريم:Karim|طارق:Tariq"),
            _words("الحسيني:Al-Husseini|حداد:Haddad|منصور:Mansour|خليل:Khalil|"
                   "عبد الله:Abdullah|السيد:El-Sayed|ناصر:Nasser|حمدان:Hamdan|سليمان:Suleiman|"
                   "الخطيب:Al-Khatib|عيسى:Issa|فارس:Fares"),
        ),
        Culture(
            "he", "IL",
            _words("נועה:Noa|תמר:Tamar|מיכל:Michal|יעל:Yael|שירה:Shira|רותי:Ruti|"
                   "אביגיל:Avigail|הדס:Hadas|מאיה:Maya|אורית:Orit"),
            _words("יוסף:Yosef|דוד:David|אברהם:Avraham|משה:Moshe|יונתן:Yonatan|איתי:Itai|"
                   "נועם:Noam|אריאל:Ariel|עומר:Omer|אורי:Uri"),
            _words("כהן:Cohen|לוי:Levi|מזרחי:Mizrahi|פרץ:Peretz|ביטון:Biton|דהן:Dahan|"
                   "אברהם:Avraham|פרידמן:Friedman|שפירא:Shapira|גולן:Golan|אזולאי:Azoulay"),
        ),
    ]
}

# Which names a shop in each country mostly sees (weights add up to 100 each).
_NEIGHBOURS = {
    "en": "en 62|es 9|zh 4|vi 3|ko 3|fr 2|de 2|pt 2|pl 2|ru 2|ar 2|he 2|el 1|ja 2|tr 2",
    "fr": "fr 65|ar 8|pt 6|es 4|en 3|de 2|tr 3|vi 3|pl 1|zh 2|ru 1|el 1|ja 1",
    "de": "de 62|tr 10|pl 6|ru 5|el 3|en 3|fr 2|es 2|pt 1|ar 3|vi 2|zh 1",
    "es": "es 68|en 6|fr 4|pt 4|ar 6|de 3|zh 3|ru 2|pl 1|el 1|tr 1|he 1",
    "pt": "pt 70|es 8|en 5|fr 5|de 2|zh 3|ru 3|ar 2|pl 1|el 1",
    "pl": "pl 75|ru 8|de 5|en 4|vi 3|tr 2|fr 1|es 1|el 1",
}
COUNTRY_CULTURE = {
    "US": "en", "GB": "en", "CA": "en", "AU": "en", "IE": "en", "NZ": "en",
    "FR": "fr", "BE": "fr", "CH": "fr", "LU": "fr",
    "DE": "de", "AT": "de",
    "ES": "es", "MX": "es", "AR": "es", "CO": "es", "CL": "es",
    "PT": "pt", "BR": "pt",
    "PL": "pl",
}


def culture_weights(region: str) -> list[tuple[str, int]]:
    """The mix of names a shop in `region` sees, most of them its own country's."""
    spec = _NEIGHBOURS[COUNTRY_CULTURE.get(region, "en")]
    pairs = [part.split() for part in spec.split("|")]
    return [(key, int(weight)) for key, weight in pairs]


@dataclass(frozen=True)
class City:
    name: str
    region: str
    postcode: str  # '#' is a digit, 'A' a capital letter
    area_code: str = ""  # for US-style phone numbers


@dataclass(frozen=True)
class AddressBook:
    streets: tuple[str, ...]
    pattern: str  # '{n}' house number, '{street}'
    cities: tuple[City, ...]  # the first is the shop's own town


ADDRESS_BOOKS = {
    "US": AddressBook(
        _words("Maple Street|Oak Avenue|Pine Road|Cedar Lane|Elm Street|Washington Avenue|"
               "Lake Drive|Hillcrest Road|Park Avenue|Main Street|Sunset Boulevard|"
               "Highland Avenue|Lincoln Way|Church Street|Walnut Street|Chestnut Court|"
               "Spring Street|River Road|Meadow Lane|Willow Drive|Jefferson Street|"
               "Cherry Lane|Broadway|Fairview Avenue"),
        "{n} {street}",
        (City("Portland", "OR", "972##", "503"), City("Beaverton", "OR", "970##", "971"),
         City("Vancouver", "WA", "986##", "360"), City("Lake Oswego", "OR", "970##", "503"),
         City("Gresham", "OR", "970##", "971"), City("Salem", "OR", "973##", "503"),
         City("Seattle", "WA", "981##", "206"), City("Eugene", "OR", "974##", "541")),
    ),
    "GB": AddressBook(
        _words("High Street|Church Road|Station Road|Victoria Road|Green Lane|Manor Road|"
               "Park Road|Queens Road|Kings Road|Mill Lane|The Crescent|Orchard Close|"
               "Windsor Avenue|Chapel Street|Grange Road"),
        "{n} {street}",
        (City("Bristol", "", "BS# #AA"), City("Bath", "", "BA# #AA"),
         City("Clifton", "", "BS8 #AA"), City("Weston-super-Mare", "", "BS2# #AA"),
         City("Cardiff", "", "CF1# #AA"), City("Gloucester", "", "GL# #AA")),
    ),
    "FR": AddressBook(
        _words("rue des Lilas|avenue Victor Hugo|boulevard Gambetta|rue de la République|"
               "place du Marché|impasse des Tilleuls|chemin des Vignes|rue Émile Zola|"
               "allée des Châtaigniers|rue de l'Église|quai Saint-Antoine|rue Pasteur"),
        "{n} {street}",
        (City("Lyon", "Auvergne-Rhône-Alpes", "6900#"),
         City("Villeurbanne", "Auvergne-Rhône-Alpes", "69100"),
         City("Vénissieux", "Auvergne-Rhône-Alpes", "69200"),
         City("Écully", "Auvergne-Rhône-Alpes", "69130"),
         City("Saint-Étienne", "Auvergne-Rhône-Alpes", "4200#"),
         City("Grenoble", "Auvergne-Rhône-Alpes", "3800#")),
    ),
    "DE": AddressBook(
        _words("Hauptstraße|Bahnhofstraße|Lindenstraße|Schillerstraße|Goethestraße|"
               "Am Mühlbach|Kirchweg|Gartenstraße|Müllerstraße|Schloßallee|Rosenweg|"
               "Königsplatz|Birkenweg|Ahornstraße"),
        "{street} {n}",
        (City("München", "Bayern", "80###"), City("Freising", "Bayern", "85354"),
         City("Dachau", "Bayern", "85221"), City("Augsburg", "Bayern", "86###"),
         City("Fürstenfeldbruck", "Bayern", "82256"), City("Regensburg", "Bayern", "930##")),
    ),
    "ES": AddressBook(
        _words("Calle Mayor|Avenida de la Constitución|Calle del Olivo|Plaza de España|"
               "Calle de Alcalá|Paseo de la Castellana|Calle de la Paz|Camino Real|"
               "Calle San Martín|Avenida de Andalucía"),
        "{street}, {n}",
        (City("Madrid", "Comunidad de Madrid", "280##"),
         City("Alcalá de Henares", "Comunidad de Madrid", "2880#"),
         City("Getafe", "Comunidad de Madrid", "2890#"),
         City("Móstoles", "Comunidad de Madrid", "2893#"),
         City("Toledo", "Castilla-La Mancha", "4500#")),
    ),
    "PL": AddressBook(
        _words("ul. Marszałkowska|ul. Długa|ul. Kwiatowa|ul. Ogrodowa|ul. Lipowa|"
               "ul. Słoneczna|al. Jerozolimskie|ul. Żeromskiego|ul. Piękna|ul. Świętokrzyska"),
        "{street} {n}",
        (City("Warszawa", "mazowieckie", "0#-###"), City("Pruszków", "mazowieckie", "05-800"),
         City("Piaseczno", "mazowieckie", "05-500"), City("Łódź", "łódzkie", "9#-###")),
    ),
}

# How often customers come: (archetype, share of customers, fewest and most visits or purchases)
ARCHETYPES = (
    ("prospect", 0.09, 0, 0), ("once", 0.31, 1, 1), ("occasional", 0.32, 2, 5),
    ("regular", 0.21, 4, 9), ("loyal", 0.07, 12, 30),
)
# How likely each tag is; the generator raises some for loyal, senior or business customers.
TAG_CHANCES = {
    "vip": 0.03, "newsletter": 0.35, "walk-in": 0.2, "online": 0.15, "wholesale": 0.01,
    "student": 0.04, "senior": 0.0, "gift-card": 0.06, "council-candidate": 0.0,
}

SOURCES = _words("walk-in|referral|website|instagram|google|facebook|event|newspaper|flyer|"
                 "market stall")
TAGS = _words("vip|newsletter|walk-in|online|wholesale|student|senior|gift-card|"
              "council-candidate")
ORGANISATIONS = _words("Bäckerei Sonnenschein|Café Lumière|Atelier Nuñez|Kowalski & Syn|"
                       "Green Leaf Dental|Harbor Yoga Studio|Ōkami Ramen|Papadopoulos Taverna|"
                       "Hoàng Florist|Riverside Bike Club|Müller Architekten|Sunrise Realty")
CUSTOMER_NOTES = _words(
    "Prefers morning appointments.|Allergic to nuts.|Ask about the new collection.|"
    "Likes to pay in cash.|Brings the dog – keep treats at the counter.|"
    "Hard of hearing; speak clearly.|Prefers to be called by first name.|"
    "Parking: needs the accessible space.|Always buys for the whole family.|"
    "Works nights; call after 2 pm.")
INTERACTION_NOTES = {
    "visit": _words("|Browsed the new arrivals|Came in with a friend|Picked up an order|"
                    "Asked for advice"),
    "purchase": _words("|Gift for a friend|Birthday present|Repeat order|Seasonal special|"
                       "Gift card|Used a voucher"),
    "call": _words("Follow-up call after purchase|Satisfaction call: very happy|"
                   "Called about an order|Reminder call for appointment"),
    "meeting": _words("Fitting appointment|Consultation|Tasting session|Annual review"),
    "note": _words("Mentioned a daughter's wedding in June|Moving house next spring|"
                   "Recommended us to neighbours|Would like a loyalty card|"
                   "Complained about waiting time; resolved with a discount"),
}
MOMENT_NOTES = {
    "anniversary": _words("Wedding anniversary|Opened their own business|"
                          "Moved into the neighbourhood|First date anniversary"),
    "wedding": _words("Getting married|Married in the village church|Wedding in Lisbon"),
    "new_baby": _words("Baby girl|Baby boy|Twins!"),
    "retirement": _words("Retired after 40 years|Retiring from teaching"),
    "graduation": _words("Graduated in nursing|Master's degree|Finished school"),
    "other": _words("Ran the marathon|New job|Bought their first house"),
}
EMAIL_DOMAINS = _words("example.com|example.net|example.org|mail.example.com|"
                       "post.example.net|inbox.example.org")
