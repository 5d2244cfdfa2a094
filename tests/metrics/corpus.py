"""Realistic wikitext snippets for cross-checking the metrics against mwparserfromhell.

Each is the kind of thing a campaign edit adds or changes: lead sections with infoboxes, tables,
named and reused refs, shortened footnotes, list-defined references, comments, several scripts.
Used by test_refs.py and bench/bench_refs.py.
"""

CORPUS: list[str] = [
    # 0 English lead with infobox, cite templates, named ref and reuse
    """{{Short description|Capital city of Albania}}
{{Infobox settlement
| name = Tirana
| native_name = Tiranë
| population_total = 598176<ref name="instat2023">{{cite web |url=https://www.instat.gov.al/ |title=Population of Albania |publisher=INSTAT |date=2023 |access-date=4 May 2024}}</ref>
| area_total_km2 = 1110.03
| elevation_m = 110<ref>{{cite book |last=Hoxha |first=A. |title=Gjeografia e Shqipërisë |year=2010 |page=45}}</ref>
}}
'''Tirana''' ({{IPA|sq|tiˈɾana}}) is the [[capital city|capital]] and largest city of [[Albania]].<ref name="instat2023"/> It is located in the centre of the country, enclosed by mountains and hills, with [[Dajti|Mount Dajti]] rising to the east.<ref name=geo>{{cite journal |last=Qiriazi |first=P. |title=Physical geography of Albania |journal=Albanian Studies |volume=12 |year=2001 |pages=1–20}}</ref>
""",
    # 1 English with sfn, sfnp, harvnb and a Notes/References layout
    """== History ==
The town was founded in 1614 by [[Sulejman Bargjini]], a local ruler.{{sfn|Pollo|Puto|1981|p=112}} It became the capital in 1920 at the [[Congress of Lushnjë]].{{sfnp|Vickers|1999|pp=98–99}} According to {{harvnb|Fischer|1999|p=21}}, the choice was a compromise.

The population grew quickly after 1990.{{Sfn|Vickers|1999|p=240}}<ref>Census data, see {{harvnb|INSTAT|2012}}.</ref>

== Notes ==
{{notelist}}

== References ==
{{reflist}}

=== Sources ===
* {{cite book |last=Pollo |first=Stefanaq |last2=Puto |first2=Arben |title=The History of Albania |year=1981 |publisher=Routledge}}
* {{cite book |last=Vickers |first=Miranda |title=The Albanians: A Modern History |year=1999 |publisher=I.B. Tauris}}
""",
    # 2 List-defined references inside <references>
    """Mount Fuji is the highest mountain in Japan.<ref name="gsi"/> It last erupted in 1707.<ref name=hoei /> Its symmetrical cone is a symbol of the country.<ref group="note" name="sym">Often depicted in ukiyo-e.</ref>

== References ==
<references>
<ref name="gsi">{{cite web |url=https://www.gsi.go.jp/ |title=Elevations of Japan's mountains |publisher=Geospatial Information Authority of Japan}}</ref>
<ref name=hoei>{{cite journal |last=Miyaji |first=N. |title=The 1707 Hoei eruption |journal=Bulletin of Volcanology |year=2011}}</ref>
</references>

== Notes ==
<references group="note" />
""",
    # 3 Reflist with refs= parameter (list-defined inside a template argument)
    """Bratislava lies on the [[Danube]].<ref name=a /> It borders two countries.<ref name=b/>

== References ==
{{Reflist|refs=
<ref name=a>{{cite web |title=Danube river basin |url=http://www.icpdr.org/}}</ref>
<ref name=b>{{cite book |title=Slovakia |year=2005}}</ref>
}}
""",
    # 4 Comments hiding refs and templates, nowiki showing markup
    """The bridge was opened in 1936.<ref>{{cite news |title=New bridge opened |newspaper=The Times |date=2 March 1936}}</ref>
<!-- Removed until a better source is found: <ref>{{cite web |url=http://example.blogspot.com/}}</ref> {{sfn|Anon|2001}} -->
To cite a page, editors type <nowiki><ref>Source</ref></nowiki> or <nowiki>{{sfn|Author|Year}}</nowiki> after the sentence.
<!-- <ref name="x">hidden</ref> -->It is {{convert|1.2|km|mi}} long.
""",
    # 5 Table with refs in cells and a caption
    """== Results ==
{| class="wikitable sortable" style="text-align:center"
|+ Election results, 2021<ref name="kqz">{{cite web |url=https://kqz.gov.al/ |title=Rezultatet |publisher=KQZ}}</ref>
|-
! Party !! Votes !! % !! Seats
|-
| style="text-align:left" | [[Socialist Party of Albania|Socialist Party]] || 768,156 || 48.67 || 74<ref name="kqz"/>
|-
| style="text-align:left" | [[Democratic Party of Albania|Democratic Party]] || 622,277 || 39.43 || 59<ref>Including the alliance partners.</ref>
|-
| style="text-align:left" | [[Socialist Movement for Integration]] || 107,364 || 6.80 || 4
|}
""",
    # 6 Albanian biography
    """{{Infobox person
| emri = Gjergj Kastrioti
| lindja = 6 maj 1405<ref name="frasheri">{{Cite book |last=Frashëri |first=Kristo |title=Skënderbeu: jeta dhe vepra |year=2002 |place=Tiranë}}</ref>
| vdekja = 17 janar 1468, [[Lezha|Lezhë]]
}}
'''Gjergj Kastrioti''', i njohur si '''Skënderbeu''', ishte një fisnik dhe komandant ushtarak shqiptar.<ref name="frasheri"/> Ai udhëhoqi një kryengritje kundër [[Perandoria Osmane|Perandorisë Osmane]] për më shumë se njëzet vjet.<ref>{{Cite book |last=Schmitt |first=Oliver Jens |title=Skanderbeg: Der neue Alexander auf dem Balkan |year=2009 |page=87}}</ref>

== Jeta ==
Ai lindi në familjen e [[Gjon Kastrioti]]t.{{sfn|Frashëri|2002|p=12}} Në moshë të re u dërgua si peng në oborrin e sulltanit.{{sfn|Schmitt|2009|pp=41–43}}<!-- {{sfn|Noli|1947}} -->

== Referime ==
{{Reflist}}
[[Kategoria:Shqiptarë]]
""",
    # 7 Albanian geography with list-defined refs and a table
    """'''Liqeni i Ohrit''' është një liqen tektonik në kufirin mes [[Shqipëria|Shqipërisë]] dhe [[Maqedonia e Veriut|Maqedonisë së Veriut]].<ref name="unesco" /> Thellësia maksimale është 288 metra.<ref name="stankovic" />

{| class="wikitable"
! Tregues !! Vlera
|-
| Sipërfaqja || 358 km²<ref name="unesco" />
|-
| Lartësia mbi nivelin e detit || 693 m
|}

== Burimet ==
<references>
<ref name="unesco">{{Cite web |url=https://whc.unesco.org/en/list/99 |title=Natural and Cultural Heritage of the Ohrid region |publisher=UNESCO}}</ref>
<ref name="stankovic">{{Cite book |last=Stanković |first=Siniša |title=The Balkan Lake Ohrid and Its Living World |year=1960}}</ref>
</references>
""",
    # 8 Serbian Cyrillic city with Sfn (capital S, as on sr.wikipedia)
    """{{Инфокутија насеље
| име = Београд
| становништво = 1.681.405<ref name="popis2022">{{Cite web|url=https://popis2022.stat.gov.rs/|title=Попис 2022|publisher=РЗС}}</ref>
}}
'''Београд''' је главни и највећи град [[Србија|Србије]].<ref name="popis2022"/> Налази се на ушћу [[Сава|Саве]] у [[Дунав]].{{Sfn|Ћоровић|1997|p=14}}

== Историја ==
Први пут се помиње под именом Сингидунум у 1. веку.{{Sfn|Поповић|2006|pp=22-25}} Српски назив Београд први пут се јавља 878. године.{{Sfn|Ћоровић|1997|p=101}}<ref>Писмо папе Јована VIII бугарском кнезу Борису.</ref>

== Референце ==
{{Референце}}

== Литература ==
* {{Cite book|ref=harv|last=Ћоровић|first=Владимир|title=Историја српског народа|year=1997|location=Београд}}
[[Категорија:Градови у Србији]]
""",
    # 9 Serbian Cyrillic biography with a local shortened-footnote template and comments
    """'''Никола Тесла''' (Смиљан, 10. јул 1856 — Њујорк, 7. јануар 1943) био је српски и амерички [[проналазач]], инжењер [[електротехника|електротехнике]] и машинства.<ref>{{Cite book|last=Чарлс|first=Бернард|title=Тесла: Човек ван времена|year=1996}}</ref>
<!-- извор се проверава {{Sfn|Јовановић|2001}} -->
Његови проналасци омогућили су пренос наизменичне струје.{{Sfn|Сајфер|1996|p=57}}{{Харвнб|Јовановић|2001|p=88}}
{{Refn|group=н|Тесла је патентирао преко 300 проналазака.{{Sfn|Сајфер|1996|p=301}}}}

== Напомене ==
{{Notelist|group=н}}
""",
    # 10 Russian city with infobox and cite templates
    """{{Город
 |Русское название = Москва
 |Население = 13 104 177<ref name="perepis">{{Cite web|url=https://rosstat.gov.ru/|title=Численность населения|publisher=Росстат|accessdate=2024-01-10}}</ref>
}}
'''Москва́''' — [[столица]] [[Россия|Российской Федерации]], [[город федерального значения]].<ref name="perepis" /> Крупнейший по численности населения город России.<ref>{{Книга|автор=Сытин П. В.|заглавие=Из истории московских улиц|год=1958|страницы=12}}</ref>

== История ==
Первое упоминание о Москве относится к 1147 году.{{sfn|Тихомиров|1957|с=5}} В 1156 году князь [[Юрий Долгорукий]] построил деревянную крепость.{{sfn|Тихомиров|1957|с=11}}

== Примечания ==
{{примечания}}
""",
    # 11 Russian literature article with list-defined refs via {{примечания|refs=}}
    """'''Лев Никола́евич Толсто́й''' (1828—1910) — один из наиболее известных русских писателей.<ref name="БРЭ" /> Автор романов «[[Война и мир]]» и «[[Анна Каренина]]».<ref name="Гусев"/>

== Примечания ==
{{примечания|refs=
<ref name="БРЭ">{{статья|заглавие=Толстой Лев Николаевич|издание=Большая российская энциклопедия|год=2016}}</ref>
<ref name="Гусев">{{книга|автор=Гусев Н. Н.|заглавие=Летопись жизни и творчества Льва Николаевича Толстого|год=1958}}</ref>
}}
[[Категория:Писатели России]]
""",
    # 12 Japanese prefecture with refs and sfn
    """{{基礎情報 日本の都道府県
| 都道府県名 = 東京都
| 人口 = 14,047,594<ref name="kokusei">{{Cite web|和書|url=https://www.stat.go.jp/|title=令和2年国勢調査|publisher=総務省統計局}}</ref>
}}
'''東京都'''（とうきょうと）は、[[日本]]の[[首都]]である。<ref name="kokusei" />[[関東地方]]に位置し、都庁所在地は[[新宿区]]。{{Sfn|鈴木|2005|p=34}}

== 歴史 ==
[[1943年]]に東京府と東京市が統合され、東京都が成立した。<ref>{{Cite book|和書|author=東京都公文書館|title=都史資料集成|year=2012}}</ref>

== 脚注 ==
{{Reflist}}
""",
    # 13 Japanese mountain article with list-defined refs and notes group
    """'''富士山'''（ふじさん）は、[[静岡県]]と[[山梨県]]にまたがる活火山である。<ref name="gsi2" />標高3776.12 m、日本最高峰の独立峰である。<ref group="注釈">山頂の剣ヶ峰の標高。</ref>

== 脚注 ==
=== 注釈 ===
<references group="注釈" />
=== 出典 ===
<references>
<ref name="gsi2">{{Cite web|和書|title=日本の主な山岳標高|publisher=国土地理院|url=https://www.gsi.go.jp/}}</ref>
</references>
""",
    # 14 Thai city
    """{{กล่องข้อมูล เมือง
| ชื่อ = กรุงเทพมหานคร
| ประชากร = 5,494,932<ref name="dopa">{{cite web|url=https://stat.bora.dopa.go.th/|title=สถิติประชากร|publisher=กรมการปกครอง}}</ref>
}}
'''กรุงเทพมหานคร''' เป็นเมืองหลวงและนครที่มีประชากรมากที่สุดของ[[ประเทศไทย]]<ref name="dopa" /> ตั้งอยู่บนฝั่ง[[แม่น้ำเจ้าพระยา]]{{sfn|สุจิตต์|2548|p=22}}

== ประวัติศาสตร์ ==
กรุงเทพฯ ได้รับการสถาปนาเป็นราชธานีในปี พ.ศ. 2325<ref>{{cite book|title=ประวัติศาสตร์ไทย|year=2550}}</ref><!-- <ref>ต้องการแหล่งอ้างอิง</ref> -->

== อ้างอิง ==
{{รายการอ้างอิง}}
""",
    # 15 Thai temple article with table
    """'''วัดพระศรีรัตนศาสดาราม''' หรือ '''วัดพระแก้ว''' เป็นวัดในเขตพระบรมมหาราชวัง<ref name="fad">{{cite web|title=วัดพระศรีรัตนศาสดาราม|publisher=กรมศิลปากร}}</ref>

{| class="wikitable"
! ปี !! เหตุการณ์
|-
| 2325 || เริ่มสร้างวัด<ref name="fad"/>
|-
| 2327 || อัญเชิญพระแก้วมรกตมาประดิษฐาน<ref>{{cite book|title=พระราชพงศาวดาร|year=2505}}</ref>
|}
""",
    # 16 Greek island
    """'''Η Κρήτη''' είναι το μεγαλύτερο νησί της [[Ελλάδα|Ελλάδας]].<ref name="elstat">{{Cite web|url=https://www.statistics.gr/|title=Απογραφή 2021|publisher=ΕΛΣΤΑΤ}}</ref> Πρωτεύουσα είναι το [[Ηράκλειο]].<ref name="elstat" />

== Ιστορία ==
Στην Κρήτη αναπτύχθηκε ο [[Μινωικός πολιτισμός]].{{sfn|Evans|1921|p=3}}

== Παραπομπές ==
{{παραπομπές}}
""",
    # 17 Armenian
    """'''Երևան''', [[Հայաստան]]ի մայրաքաղաքը և ամենամեծ քաղաքը։<ref>{{Cite web|url=https://armstat.am/|title=Մարդահամար 2022|publisher=Արմստատ}}</ref> Հիմնադրվել է մ.թ.ա. 782 թվականին։{{sfn|Մելիքյան|2010|p=7}}

== Ծանոթագրություններ ==
{{ծանցանկ}}
""",
    # 18 Shortened-footnote name variants: whitespace, underscores, Template: prefix, lower/upper first letter
    """Claim one.{{ sfn |Smith|2000|p=1}} Claim two.{{Sfn
 |Smith|2000|p=2}} Claim three.{{Template:Sfn|Smith|2000|p=3}} Claim four.{{template:sfnp|Smith|2000|p=4}}
Claim five.{{Harvnb|Smith|2000|p=5}} Claim six.{{SFN|Smith|2000}} is not the same template. Claim seven.{{sfnref|Smith|2000}} is a different one too.
Claim eight.{{sfn_p|Jones|1999}} uses an underscore.
""",
    # 19 Refs in odd spelling: upper case tags, attributes without quotes, single quotes, spaces before >
    """One.<REF>Upper-case tag.</REF> Two.<Ref name='single'>Single quotes.</Ref > Three.<ref name=bare group=lower-alpha>Bare attributes.</ref>
Four.<ref name = "spaced" >Spaces around the equals sign.</ref> Five.<ref name="spaced" /> Six.<ref name='single'/>
Seven.<ref></ref> is empty and does not count. Eight.<ref name="blank">   </ref> is blank.
""",
    # 20 Refs in headings, links, image captions and templates
    """== Geography<ref>Heading refs are discouraged but exist.</ref> ==
[[File:Lake Ohrid.jpg|thumb|The lake from the east<ref>{{cite web|title=Photo description}}</ref>]]
The [[Drin|Black Drin]] flows out of the lake.{{efn|It flows north.{{sfn|Watzin|2002|p=5}}}}
{{Quote box |quote=Water is life.<ref>Local proverb.</ref> |source=Anonymous}}
""",
    # 21 Math, pre, syntaxhighlight and source containing ref-looking text
    """The formula <math>x<ref>y</ref> = \\frac{1}{2}</math> is not a reference.<ref>But this is.</ref>
<pre>
<ref>Preformatted, not a reference</ref> {{sfn|Pre|1999}}
</pre>
<syntaxhighlight lang="html">
<ref name="code">Example code</ref>
</syntaxhighlight>
<source lang="xml"><ref>old tag name</ref></source>
After the code.{{sfn|Knuth|1984|p=7}}
""",
    # 22 Gallery whose captions are not parsed (as in mwparserfromhell), poem whose text is
    """<gallery>
File:Tirana 1920.jpg|Tirana in 1920<ref>Archive photo.</ref>
File:Skanderbeg Square.jpg|Skanderbeg Square
</gallery>
<poem>
Mbi krye të malit ra dëbora,<ref>Folk song from Dibër.</ref>
bëri dimër e u ftoh bota.
</poem>
""",
    # 23 English biography with many cite templates and reused names
    """'''Ada Lovelace''' (10 December 1815 – 27 November 1852) was an English [[mathematician]] and writer.<ref name="Toole">{{cite book |last=Toole |first=Betty Alexandra |title=Ada, the Enchantress of Numbers |year=1998 |publisher=Strawberry Press}}</ref> She is chiefly known for her work on [[Charles Babbage]]'s proposed [[Analytical Engine]].<ref name="Fuegi">{{cite journal |last1=Fuegi |first1=J. |last2=Francis |first2=J. |title=Lovelace & Babbage and the creation of the 1843 'notes' |journal=IEEE Annals of the History of Computing |volume=25 |issue=4 |year=2003 |pages=16–26 |doi=10.1109/MAHC.2003.1253887}}</ref>

== Early life ==
Lovelace was the only legitimate child of poet [[Lord Byron]] and [[Anne Isabella Milbanke|Lady Byron]].<ref name="Toole"/> Byron left England four months after her birth.<ref name="Toole" /><ref name="Fuegi" />{{sfn|Stein|1985|p=17}}
""",
    # 24 Sports season table with flagicons and footnotes
    """{| class="wikitable" style="font-size:90%"
|-
! Pos !! Team !! Pld !! Pts
|-
| 1 || {{flagicon|ALB}} [[KF Tirana]] || 36 || 72<ref name="fshf">{{cite web|url=https://fshf.org/|title=Kategoria Superiore 2021–22|publisher=FSHF}}</ref>
|-
| 2 || {{flagicon|ALB}} [[FK Partizani Tirana|Partizani]] || 36 || 68{{efn|Deducted three points.<ref>{{cite news|title=Disciplinary committee|work=Panorama Sport}}</ref>}}
|-
| 3 || {{flagicon|ALB}} [[KF Laçi|Laçi]] || 36 || 60
|}
{{notelist}}
{{reflist}}
""",
    # 25 Disambiguation-like list, no refs at all
    """'''Mercury''' may refer to:
* [[Mercury (planet)]], the closest planet to the Sun
* [[Mercury (element)]], a chemical element with symbol Hg
* [[Mercury (mythology)]], a Roman god
{{disambiguation}}
""",
    # 26 Unclosed ref at the end of the text (MediaWiki shows an error, nothing counts)
    """The museum opened in 1948.<ref>{{cite web|title=National History Museum}}</ref> It holds 5,000 objects.<ref name="mkk">Ministry of Culture report""",
    # 27 Russian article with harvnb inside refs and sfn inside comments
    """Замок построен в XIV веке.<ref>См. {{harvnb|Кирпичников|1984|с=55}}.</ref> Стены имеют толщину до трёх метров.{{sfn|Кирпичников|1984|с=61}}<!--{{sfn|Носов|2001}}-->
<!--
<ref>Старая ссылка, удалена.</ref>
-->
Башни перестроены в XVI веке.<ref name="Носов">{{книга|автор=Носов К. С.|заглавие=Русские крепости|год=2001}}</ref>
""",
    # 28 Albanian article with efn/notelist and sfn inside notes
    """'''Butrinti''' është një qytet antik në jug të Shqipërisë.<ref name="unesco2">{{Cite web|url=https://whc.unesco.org/en/list/570|title=Butrint|publisher=UNESCO}}</ref> Ai u përfshi në listën e Trashëgimisë Botërore në vitin 1992.{{efn|Zona u zgjerua në vitin 1999.{{sfn|Hodges|2006|p=12}}}}

Gërmimet e para sistematike u bënë nga [[Luigi Maria Ugolini]].{{sfn|Ugolini|1937}}{{sfn|Hodges|2006|pp=30–31}}

== Shënime ==
{{notelist}}
== Referime ==
{{reflist}}
""",
    # 29 Serbian Cyrillic table of monasteries with refs and Sfn
    """{| class="wikitable sortable"
! Манастир !! Година !! Задужбинар
|-
| [[Манастир Студеница|Студеница]] || 1190. || [[Стефан Немања]]<ref name="spc">{{Cite web|url=https://www.spc.rs/|title=Манастири СПЦ}}</ref>
|-
| [[Манастир Жича|Жича]] || 1207–1217. || [[Стефан Првовенчани]]{{Sfn|Ћоровић|1997|p=160}}
|-
| [[Манастир Милешева|Милешева]] || 1234. || краљ [[Стефан Владислав]]<ref name="spc"/>
|}
""",
    # 30 Japanese with ruby and nowiki
    """{{Otheruses}}
'''京都市'''（きょうとし）は、[[京都府]]南部に位置する市。<ref>{{Cite web|和書|title=京都市の人口|publisher=京都市}}</ref><nowiki>{{Sfn|京都|2000}}</nowiki>は表示のみ。
<!-- 要出典 {{Sfn|京都市|2010}} -->
<ruby>京都<rp>（</rp><rt>きょうと</rt><rp>）</rp></ruby>は[[794年]]に[[平安京]]として建都された。{{Sfn|林屋|1962|p=8}}
""",
    # 31 English article with a harvnb-heavy bibliography and sfnp
    """Early Christian communities in [[Durrës]] are attested from the first century.{{sfnp|Elsie|2003|p=9}}{{sfnp|Elsie|2003|p=11}} The bishopric is mentioned in 58 AD.{{sfnp|Jacques|1995|p=142}}{{efn|{{harvnb|Jacques|1995}} gives 70 AD.}}

== Bibliography ==
* {{cite book |last=Elsie |first=Robert |title=Early Albania |year=2003 |ref={{harvid|Elsie|2003}}}}
* {{cite book |last=Jacques |first=Edwin E. |title=The Albanians |year=1995}}
""",
    # 32 Infobox with refs in several parameters and nested templates
    """{{Infobox officeholder
| name = Ismail Qemali
| birth_date = {{birth date|1844|1|16|df=y}}<ref name="britannica">{{cite encyclopedia |title=Ismail Qemal Bey |encyclopedia=Encyclopædia Britannica}}</ref>
| birth_place = [[Vlorë]], [[Ottoman Empire]]
| death_date = {{death date and age|1919|1|24|1844|1|16|df=y}}<ref name="britannica" />
| office = 1st [[Prime Minister of Albania]]<ref>{{cite book |title=Historia e Shqipërisë |volume=2 |year=1984 |page={{page needed}}}}</ref>
}}
""",
    # 33 Long prose paragraph with mixed sfn spelling and a ref reusing a group
    """The Albanian language forms its own branch of the [[Indo-European languages|Indo-European]] family.{{sfn|Fortson|2010|p=446}} It has two main dialects, [[Gheg Albanian|Gheg]] and [[Tosk Albanian|Tosk]].{{sfn |Fortson |2010 |p=447}}<ref group=lower-alpha>The standard language is based on Tosk.</ref> The oldest surviving document is the ''[[Formula e pagëzimit]]'' of 1462.{{ Sfnp | Elsie | 2017 | p = 3 }}

{{Notelist-la}}
""",
    # 34 Talk-page-like text with signatures and a reflist-talk
    """== Source for population ==
The number in the infobox needs a source.<ref>{{cite web|url=https://www.instat.gov.al/|title=INSTAT}}</ref> --[[User:Example|Example]] ([[User talk:Example|talk]]) 10:15, 4 May 2024 (UTC)
:I added {{tl|sfn}} calls instead. Please use <code><nowiki>{{sfn|INSTAT|2023}}</nowiki></code>.{{sfn|INSTAT|2023}} --[[User:Other|Other]] 11:02, 4 May 2024 (UTC)
{{reflist-talk}}
""",
    # 35 Armenian and Greek mixed with a table and sfn
    """{| class="wikitable"
! Քաղաք !! Πόλη !! Բնակչություն
|-
| [[Գյումրի]] || Γκιουμρί || 112,300<ref>{{Cite web|title=Armstat 2022}}</ref>
|-
| [[Վանաձոր]] || Βανατζόρ || 75,500{{sfn|Armstat|2022}}
|}
""",
]

# Prose with links and formatting only (no templates, refs or tables), where mwparserfromhell's
# strip_code() and wikitally's strip_markup() should agree word for word.
PROSE: list[str] = [
    "'''Tirana''' is the [[capital city|capital]] and largest city of [[Albania]]. It lies in the "
    "[[Tirana District|district]] of the same name.",
    "== History ==\nThe town was founded in 1614 by [[Sulejman Bargjini]].\n* [[Skanderbeg Square]]\n"
    "* The [[National History Museum (Albania)|National History Museum]]",
    "'''Београд''' је главни и највећи град [[Србија|Србије]]. Налази се на ушћу [[Сава|Саве]] у [[Дунав]].",
    "'''Москва́''' — [[столица]] [[Россия|Российской Федерации]], [[город федерального значения]]. "
    "Население — 13&nbsp;миллионов.",
    "'''東京都'''（とうきょうと）は、[[日本]]の[[首都]]である。[[関東地方]]に位置する。",
    "'''กรุงเทพมหานคร''' เป็นเมืองหลวงของ[[ประเทศไทย]] ตั้งอยู่บนฝั่ง[[แม่น้ำเจ้าพระยา]]",
    "'''Liqeni i Ohrit''' është një liqen në kufirin mes [[Shqipëria|Shqipërisë]] dhe "
    "[[Maqedonia e Veriut|Maqedonisë së Veriut]]. Shih edhe ''[[Drini i Zi]]''.",
    "'''Η Κρήτη''' είναι το μεγαλύτερο νησί της [[Ελλάδα|Ελλάδας]]. Πρωτεύουσα είναι το [[Ηράκλειο]].",
    "'''Երևան''', [[Հայաստան]]ի մայրաքաղաքը։",
    "For details see [https://www.instat.gov.al/ the INSTAT website] and "
    "''[[The Albanians: A Modern History]]'' by [[Miranda Vickers]] (1999).",
    "'''हिन्दी''' [[भारत]] की एक [[भाषा]] है। इसे [[देवनागरी|देवनागरी लिपि]] में लिखा जाता है।",
    "The café&#39;s name, ''Le Procope'', dates from 1686; [[Voltaire]] &amp; [[Denis Diderot|Diderot]] met there.",
    ":Indented reply with a [[Wikipedia:Reliable sources|link]].\n# First\n# Second [[item]]",
    "'''العربية''' هي [[لغة سامية|لغة سامية]] يتحدث بها أكثر من 400 مليون نسمة.",
]
