"""A little multilingual text to train the tiny packages' SentencePiece models on.

English news sentences plus Russian, Armenian and Azerbaijani ones, and the glossary's
place names in every script, so the vocabulary covers the letters tests translate
(including typographic quotes and dashes from wire copy) without <unk> everywhere.
"""

from __future__ import annotations

ENGLISH = [
    "(Reuters) – Azerbaijan has launched “anti-terrorist activities” in the region.",
    "Heavy shelling was heard on unverified social media footage filmed in Stepanakert.",
    "Stepanakert, the capital of Karabakh, is called Khankendi by Azerbaijan.",
    "The Azerbaijani Defense Ministry said in a statement of its intention to disarm.",
    "The ministry said it was targeting only legitimate military targets.",
    "Civilians were free to leave through what it called humanitarian corridors.",
    "Armenia said in a statement that the situation on its border was stable.",
    "Internationally recognized as part of Azerbaijan, Karabakh fell out of Baku’s control.",
    "A ceasefire agreement brokered by Russia has remained fragile ever since.",
    "Armenia has accused Moscow of being too distracted to guarantee security.",
    "Shusha, which Armenians call Shushi, lies south of the regional capital.",
    "Residents of Yerevan, Baku, Ganja and Gyumri followed the news on Tuesday.",
    "The Lachin corridor links Armenia with Karabakh; it was closed for months.",
    "Officials in Agdam, Fizuli and Martuni reported damage to houses and roads.",
    "“We want peace,” a 45-year-old teacher said, declining to give her name.",
    "Prices rose 12% in 2023, according to figures published on Friday (Sept. 19).",
    "By admin",
]

RUSSIAN = [
    "Азербайджан начал «антитеррористические мероприятия» в Нагорном Карабахе.",
    "В Степанакерте, который Азербайджан называет Ханкенди, были слышны обстрелы.",
    "Министерство обороны Азербайджана заявило о намерении разоружить формирования.",
    "Мирные жители могли покинуть регион через гуманитарные коридоры.",
    "Армения заявила, что обстановка на её границе с Азербайджаном стабильна.",
    "Соглашение о прекращении огня, достигнутое при посредничестве России, остаётся хрупким.",
    "Шуша, которую армяне называют Шуши, находится к югу от столицы.",
    "Жители Еревана, Баку, Гянджи и Гюмри следили за новостями во вторник.",
    "Лачинский коридор связывает Армению с Карабахом; он был закрыт несколько месяцев.",
    "«Мы хотим мира», — сказала учительница, отказавшись назвать своё имя.",
    "Ёлка, щука, съезд, объявление, подъём, эхо, юг, ячейка.",
]

ARMENIAN = [
    "Ադրբեջանը Լեռնային Ղարաբաղում սկսել է «հակաահաբեկչական միջոցառումներ»։",
    "Ստեփանակերտում, որը Ադրբեջանն անվանում է Խանքենդի, լսվել են հրետակոծություններ։",
    "Ադրբեջանի պաշտպանության նախարարությունը հայտարարել է զինաթափելու մտադրության մասին։",
    "Խաղաղ բնակիչները կարող էին հեռանալ մարդասիրական միջանցքներով։",
    "Հայաստանը հայտարարել է, որ իր սահմանին իրավիճակը կայուն է։",
    "Շուշին, որը ադրբեջանցիներն անվանում են Շուշա, գտնվում է մայրաքաղաքից հարավ։",
    "Երևանի, Բաքվի, Գյանջայի և Գյումրիի բնակիչները երեքշաբթի հետևում էին լուրերին։",
    "Լաչինի միջանցքը Հայաստանը կապում է Ղարաբաղի հետ։",
    "Ռուսաստանի միջնորդությամբ կնքված հրադադարը մնում է փխրուն։",
    "Օ օ, և ու, ֆ փ, ճ ջ, ձ ծ, ժ զ, թ տ, ռ ր, վ ւ, ք կ, յ լ։",
]

AZERBAIJANI = [
    "Azərbaycan Dağlıq Qarabağda «antiterror tədbirləri» başladıb.",
    "Ermənilərin Stepanakert adlandırdığı Xankəndidə atəş səsləri eşidilib.",
    "Azərbaycan Müdafiə Nazirliyi birləşmələri tərksilah etmək niyyətini bəyan edib.",
    "Mülki şəxslər humanitar dəhlizlərlə bölgəni tərk edə bilərdilər.",
    "Ermənistan sərhəddə vəziyyətin sabit olduğunu bildirib.",
    "Ermənilərin Şuşi adlandırdığı Şuşa paytaxtın cənubunda yerləşir.",
    "Bakı, Gəncə, Yerevan və Gümrü sakinləri çərşənbə axşamı xəbərləri izləyirdi.",
    "Laçın dəhlizi Ermənistanı Qarabağla birləşdirir.",
    "Rusiyanın vasitəçiliyi ilə əldə olunan atəşkəs kövrək olaraq qalır.",
    "Ağdam, Füzuli, Çəmbərək, İsmayıllı, Öküz, Ümid, Ğ, Ş, Ç, Ə, İ, Ö, Ü.",
]


def training_lines() -> list[str]:
    """Every sentence of the corpus, English first."""
    return [*ENGLISH, *RUSSIAN, *ARMENIAN, *AZERBAIJANI]
