#!/usr/bin/env python3
"""Rebuild the name dictionaries used by safecarry's personal-data detector.

Outputs (next to this script, UTF-8, one lowercase entry per line, sorted,
deduplicated, no comments):

    first_names.txt     given names
    surnames.txt        family names
    name_words.txt      names that are also common English / school words
    public_figures.txt  people and characters studied in UK schools
    common_words.txt    common English words that are no one's name

Inputs (see docs/name-sources.md for versions and licences):

    pip install Faker gender-guesser names wordfreq
    apt-get install wamerican            # /usr/share/dict/american-english

Run from the repository root:

    python3 src/detect/data/build_names.py

Options:
    --no-gfdl   leave out the gender-guesser nam_dict.txt data (GNU FDL);
                first_names.txt then contains only MIT / public-domain data
                plus the hand-curated supplement.
    --check     rebuild in memory and report differences instead of writing.

The script is deterministic for a given set of package versions.
"""

import argparse
import importlib
import os
import pkgutil
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# Tokens that must never be dictionary entries: English function words and
# name particles. Particles ("van", "de", "al", "bin", ...) appear inside
# multiword names but on their own they are far more often ordinary words;
# multiword entries that contain them (e.g. "van der berg") are kept whole.
# ---------------------------------------------------------------------------
FUNCTION_WORDS = set("""
a an the and or nor but if so as than then that this these those there here
of in on at by for to from into onto upon with within without about above
below over under up down out off via per
i me my mine we us our ours you your yours he him his she her hers it its
they them their theirs who whom whose which what when where why how
is am are was were be been being have has had do does did done
not no yes all any both each few more most other some such only own same
too very just also yet ever never else
""".split())

PARTICLES = set("""
le la les de des del della delle dei degli di da das dos du d' l'
van von der den ter ten te het zu zum zur
al el ul ad ud bin bint ibn ben ould
mac mc o' ó ni ní nic uí ua ap ab ferch
st ste san santa dal dalla lo
y e i
""".split())

DROP = FUNCTION_WORDS | PARTICLES

# ---------------------------------------------------------------------------
# HAND-CURATED SUPPLEMENT (written for this project; same licence as the
# project). Names that the package sources miss but that are common in UK
# schools. Keep these short and factual: add a name here only when a spot
# check or a user report shows it is missing.
# ---------------------------------------------------------------------------
SUPPLEMENT_FIRST_NAMES = """
oluwaseun oluwatobi oluwafemi oluwadamilare oluwatosin oluwakemi oluwabukola
oluwadarasimi oluwatimilehin temitope temilade tobiloba ayomide ayodeji
chidera chidi chidinma chiamaka chinonso chinedu chioma chukwuemeka chibuike
ifeoma ifeanyi nnamdi obinna ebuka somto kosisochukwu adaeze
kwame kwabena kwaku kofi kojo yaw kwasi akosua abena adwoa akua yaa afua ama efua
ayaan hodan hamza ilhan idil sagal nimco ayan liban guled
harpreet gurpreet manpreet jaspreet harjit gurjit kuldeep sukhdeep amarjit
navdeep simranjit gurdeep harleen jasleen simran taranjit baljit
priya priyanka divya anjali deepa pooja rahul arjun rohan vikram aarav
siobhan niamh aoife caoimhe saoirse oisin oisín ciara clodagh sinead sinéad
mohammed muhammad mohammad mohamed muhammed fatima fatimah aisha ayesha zainab
maryam khadija hafsa yusuf ibrahim ismail
zofia łukasz wojciech małgorzata grzegorz krzysztof agnieszka
tendai tatenda tinashe tanaka tafadzwa tapiwa takudzwa farai fadzai chipo
chiedza rudo rutendo nyasha kudzai kudakwashe kundai munashe mufaro panashe
ruvimbo rumbidzai simbarashe shamiso tsitsi vimbai tariro tonderai tendekai
anesu anotida kuda ruva
sipho nomsa nkosana themba bongani lindiwe zanele sindiswa thulani nokuthula
thabo lerato palesa kagiso lebo mpho tshepo karabo naledi ayanda lwazi
chimwemwe chikondi mphatso limbani thokozani dalitso mwila
goodness privilege blessed success knowledge favour praise marvellous testimony
wisdom loveness memory fortune talent gift divine lovemore godknows nomatter
givemore learnmore
""".split()

SUPPLEMENT_SURNAMES = """
okafor okonkwo okoro okeke eze nwosu nwachukwu obi adeyemi adebayo adeleke
ogunleye oyelaran balogun olawale mensah osei owusu boateng asante acheampong
agyeman appiah darko amoah
abdi farah mohamud warsame hassan omar ali jama
hussain hussein begum miah uddin rahman chowdhury choudhury islam ahmed akhtar
khan iqbal mahmood bibi
patel shah mistry parmar chauhan solanki
singh kaur sandhu gill dhillon sidhu grewal bains
nguyen tran pham phan vu
chen wang li zhang liu yang huang zhao wu zhou lau wong chan cheung leung
yilmaz yılmaz demir kaya şahin çelik yıldız
wojcik wójcik kowalczyk kowalski nowak wiśniewski
o'brien o'connor o'neill o'sullivan mcdonald macdonald mckenzie mackenzie
moyo mpofu phiri mwale tembo chikwanha mutasa chigumba chirwa nyoni gumbo
chiweshe marufu muchena mandaza makoni chikore mazvita mutendi chinyama gwenzi
mokoena nkambule zwane naidoo
""".split()

# Words the word-list intersection would put in name_words.txt but that
# should stay plain names: the name sense dominates ordinary school text
# (e.g. "smith" as a common noun is rare; as a surname it is everywhere).
NAME_WORDS_EXCLUDE = set("""
smith taylor jones davies evans thomas johnson williams wilson robinson
wright walker thompson miller turner carter cooper parker fisher
harris clark clarke lewis morgan jackson martin allen scott adams campbell
anderson murphy kelly mitchell richardson graham murray stewart
fletcher thatcher spencer gardner harper webster
john peter harry jack lee maria martin mike roger tony victor sally tom
matt ed nick ben sam dan tim jim joe ted steve dave paul andy meg
""".split())

# Names that must be in name_words.txt whenever they are in a name list.
NAME_WORDS_FORCE = set("""
will may june april august rose grace hope faith joy mark bill rob sue pat art
dean page hall wood brown green white black young king bell rich hunter mason
baker cook summer autumn winter river sky star holly ivy daisy poppy lily
violet ruby amber pearl crystal dawn eve honey sunny hazel olive rowan heather
heath moss field banks bank hill lane street marsh rivers stone brook brooks
north south west east price cash bond gold silver golden fox wolf lamb bird
crane swan drake hawk jay robin wren finch bishop knight lord prince
duke earl major judge reed rush grant hart long short little small
sharp strong noble chase cliff dale glen don guy ray sandy drew sage
""".split())

# ---------------------------------------------------------------------------
# HAND-CURATED: people and characters studied in UK schools (written for this
# project; same licence as the project). Lowercase, as usually written.
# Deliberately NOT listed on their own: given names that are also common pupil
# names (e.g. "muhammad", "mary", "david", "adam", "noah", "krishna", "max"),
# so that a worksheet entry like "Muhammad" alone is never waved through as a
# public figure. Multiword forms ("prophet muhammad", "king david") are fine.
# A few single given names that the set texts make unavoidable remain
# ("alice", "danny", "sophie", "matilda", "ralph", "pip", "romeo", "juliet"):
# the detector should treat a bare single-word match as weak evidence only.
# ---------------------------------------------------------------------------
PUBLIC_FIGURES = """
mrs tabitha twitchit
tabitha twitchit
jemima puddle-duck
mr jeremy fisher
squirrel nutkin
benjamin bunny
mr mcgregor
mrs rabbit
mrs tittlemouse
pigling bland
samuel whiskers
johnny town-mouse
timmy tiptoes
mr tod
tommy brock
hunca munca
mr wormwood
mrs wormwood
michael wormwood
bruce bogtrotter
lavender brown
mr twit
mrs twit
george kranky
james henry trotter
aunt sponge
aunt spiker
mr hoppy
mrs silver
charlie bucket
augustus gloop
veruca salt
violet beauregarde
mike teavee
grandpa joe
boggis
bunce
bean
# --- British history
boudicca
caratacus
alfred the great
king alfred
athelstan
king canute
cnut
edward the confessor
harold godwinson
william the conqueror
william i
thomas becket
richard the lionheart
richard i
king john
simon de montfort
robert the bruce
william wallace
owain glyndŵr
owain glyndwr
llywelyn ap gruffudd
edward i
edward iii
the black prince
wat tyler
richard ii
henry v
richard iii
henry vii
henry tudor
margaret tudor
mary tudor
arthur tudor
owen tudor
henry viii
catherine of aragon
anne boleyn
jane seymour
anne of cleves
catherine howard
catherine parr
thomas cromwell
thomas more
thomas wolsey
edward vi
lady jane grey
mary i
bloody mary
elizabeth i
queen elizabeth i
mary queen of scots
mary, queen of scots
francis drake
sir francis drake
walter raleigh
sir walter raleigh
william cecil
robert dudley
james i
james vi
guy fawkes
robert catesby
charles i
oliver cromwell
charles ii
samuel pepys
christopher wren
james ii
william iii
mary ii
queen anne
george i
george iii
bonnie prince charlie
flora macdonald
robert walpole
william pitt
william wilberforce
olaudah equiano
thomas clarkson
mary prince
ignatius sancho
horatio nelson
lord nelson
duke of wellington
arthur wellesley
queen victoria
prince albert
edward vii
george v
edward viii
george vi
queen elizabeth ii
elizabeth ii
king charles iii
charles iii
prince philip
princess diana
diana, princess of wales
king william
florence nightingale
mary seacole
grace darling
isambard kingdom brunel
george stephenson
robert stephenson
richard arkwright
james watt
elizabeth fry
lord shaftesbury
thomas barnardo
dr barnardo
robert peel
william gladstone
benjamin disraeli
emmeline pankhurst
christabel pankhurst
sylvia pankhurst
emily davison
emily wilding davison
millicent fawcett
walter tull
edith cavell
noor inayat khan
lord kitchener
douglas haig
winston churchill
neville chamberlain
clement attlee
margaret thatcher
tony blair
harold wilson
john major
gordon brown
david cameron
theresa may
boris johnson
rishi sunak
keir starmer
liz truss
lloyd george
david lloyd george
aneurin bevan
nye bevan
keir hardie
rosa luxemburg
claudia jones
olive morris
paul stephenson
# --- World history, ancient and modern
tutankhamun
cleopatra
ramesses ii
ramses ii
howard carter
julius caesar
alexander the great
socrates
plato
aristotle
archimedes
pythagoras
euclid
herodotus
hippocrates
leonidas
pericles
genghis khan
kublai khan
marco polo
christopher columbus
ferdinand magellan
vasco da gama
ibn battuta
zheng he
mansa musa
sundiata keita
saladin
joan of arc
napoleon
napoleon bonaparte
abraham lincoln
george washington
harriet tubman
frederick douglass
sojourner truth
rosa parks
martin luther king
martin luther king jr
malcolm x
nelson mandela
desmond tutu
mahatma gandhi
gandhi
jawaharlal nehru
muhammad ali jinnah
queen nzinga
haile selassie
kwame nkrumah
adolf hitler
hitler
joseph stalin
stalin
benito mussolini
franklin d roosevelt
franklin roosevelt
john f kennedy
jfk
barack obama
mikhail gorbachev
# (GCSE history: the Cold War and the US civil rights movement; not John Lewis, Robert
# Kennedy, George Wallace or James Meredith, whose names are common people's names too,
# nor figures whose surname is common here: a figure's surname sets aside "Mrs Johnson"
# elsewhere in the file, so Lyndon Johnson, Coretta Scott King, Thurgood Marshall,
# Richard Nixon, Joseph McCarthy, James Earl Ray, Medgar Evers, Imre Nagy, Claudette
# Colvin and Kim Il-sung are left out)
nikita khrushchev
leonid brezhnev
fidel castro
che guevara
harry truman
dwight eisenhower
dwight d eisenhower
ronald reagan
lee harvey oswald
erich honecker
willy brandt
alexander dubcek
lech walesa
bayard rustin
fannie lou hamer
ralph abernathy
stokely carmichael
vladimir lenin
lenin
mao zedong
ho chi minh
anne frank
otto frank
oskar schindler
nicholas winton
sir nicholas winton
malala yousafzai
malala
greta thunberg
mother teresa
emperor hirohito
tsar nicholas ii
# --- Explorers and space
neil armstrong
buzz aldrin
yuri gagarin
valentina tereshkova
helen sharman
tim peake
mae jemison
sally ride
ernest shackleton
robert falcon scott
captain scott
roald amundsen
matthew henson
captain cook
james cook
edmund hillary
tenzing norgay
amelia earhart
amy johnson
the wright brothers
orville wright
wilbur wright
david livingstone
# --- Scientists, engineers, inventors, doctors
isaac newton
charles darwin
alfred russel wallace
marie curie
pierre curie
albert einstein
galileo
galileo galilei
nicolaus copernicus
johannes kepler
michael faraday
james clerk maxwell
ernest rutherford
niels bohr
# (GCSE science: the atom, radioactivity, plate tectonics, electricity; not James Chadwick
# or Maurice Wilkins, whose names are common people's names too)
# (KS2 history: the Vikings and Anglo-Saxons)
eric bloodaxe
erik the red
leif erikson
ivar the boneless
ragnar lodbrok
sweyn forkbeard
cnut the great
king cnut
guthrum
ethelred the unready
harald bluetooth
olaf tryggvason
henri becquerel
j j thomson
jj thomson
antonie van leeuwenhoek
alfred wegener
alessandro volta
georg ohm
maria skłodowska
marie skłodowska
marie skłodowska curie
marie skłodowska-curie
john dalton
dmitri mendeleev
robert hooke
robert boyle
antoine lavoisier
joseph priestley
humphry davy
louis pasteur
edward jenner
alexander fleming
joseph lister
john snow
william harvey
ignaz semmelweis
rosalind franklin
francis crick
james watson
gregor mendel
mary anning
dorothy hodgkin
ada lovelace
charles babbage
alan turing
tim berners-lee
stephen hawking
jane goodall
david attenborough
dr alex george
sir david attenborough
george washington carver
thomas edison
nikola tesla
alexander graham bell
john logie baird
guglielmo marconi
george boole
katherine johnson
dorothy vaughan
mary jackson
caroline herschel
william herschel
edwin hubble
jocelyn bell burnell
rachel carson
carl linnaeus
leonardo da vinci
lewis latimer
garrett morgan
elizabeth garrett anderson
elizabeth blackwell
# --- Religious figures (RE)
jesus
jesus christ
virgin mary
moses
abraham
goliath
king david
john the baptist
saint peter
st peter
saint paul
st paul
judas iscariot
pontius pilate
mary magdalene
st george
saint george
st andrew
st patrick
saint patrick
st david
saint david
st columba
st cuthbert
martin luther
john wesley
prophet muhammad
guru nanak
guru gobind singh
the buddha
buddha
siddhartha gautama
hanuman
vishnu
brahma
# --- Authors, poets, playwrights
william shakespeare
shakespeare
geoffrey chaucer
chaucer
john milton
william blake
william wordsworth
samuel taylor coleridge
john keats
percy bysshe shelley
mary shelley
lord byron
robert burns
alfred lord tennyson
alfred tennyson
robert browning
elizabeth barrett browning
christina rossetti
emily dickinson
jane austen
charlotte brontë
charlotte bronte
emily brontë
emily bronte
anne brontë
anne bronte
charles dickens
dickens
thomas hardy
george eliot
robert louis stevenson
arthur conan doyle
sir arthur conan doyle
oscar wilde
h g wells
rudyard kipling
j b priestley
jb priestley
george orwell
john steinbeck
harper lee
william golding
aldous huxley
bram stoker
kazuo ishiguro
meera syal
willy russell
dennis kelly
alan bennett
arthur miller
tennessee williams
samuel beckett
wilfred owen
siegfried sassoon
rupert brooke
jessie pope
john mccrae
ted hughes
sylvia plath
seamus heaney
simon armitage
carol ann duffy
benjamin zephaniah
john agard
grace nichols
james berry
maya angelou
langston hughes
imtiaz dharker
moniza alvi
daljit nagra
jackie kay
gillian clarke
dylan thomas
r s thomas
edward thomas
owen sheers
w b yeats
walt whitman
robert frost
edgar allan poe
tupac shakur
# --- Children's authors and illustrators
roald dahl
julia donaldson
axel scheffler
michael morpurgo
j k rowling
jk rowling
jacqueline wilson
nick sharratt
beatrix potter
lewis carroll
c s lewis
cs lewis
j r r tolkien
jrr tolkien
tolkien
a a milne
aa milne
kenneth grahame
enid blyton
michael bond
eric carle
maurice sendak
dr seuss
judith kerr
shirley hughes
anthony browne
david walliams
quentin blake
raymond briggs
philip pullman
malorie blackman
anthony horowitz
cressida cowell
jeff kinney
dav pilkey
jill tomlinson
kes gray
jon klassen
jez alborough
helen oxenbury
dick king-smith
lynne reid banks
lauren child
oliver jeffers
mo willems
emma chichester clark
allan ahlberg
janet ahlberg
martin waddell
mick inkpen
lucy cousins
jill murphy
nadia shireen
rob biddulph
liz pichon
tom fletcher
francesca simon
onjali q raúf
onjali rauf
katherine rundell
frank cottrell-boyce
frank cottrell boyce
louis sachar
r j palacio
rj palacio
e b white
eb white
e nesbit
frances hodgson burnett
anna sewell
john boyne
robert swindells
morris gleitzman
michelle magorian
nina bawden
ruta sepetys
sophie anderson
kiran millwood hargrave
pamela butchart
# --- Fictional characters: picture books and primary
# (nursery rhymes and their characters, sung in nursery and Reception; a rhyme's
# title whose words read as a name: "Miss Polly Had a Dolly", "Hey Diddle Diddle").
# Not those ending in a common surname (Old King Cole, Old Mother Hubbard): a figure's
# last word sets aside "Mrs Cole" and "Mrs Hubbard" in the same file.
miss polly had a dolly
hey diddle diddle
incy wincy spider
mary mary quite contrary
polly put the kettle on
humpty dumpty
little bo peep
little miss muffet
georgie porgie
little boy blue
wee willie winkie
peter rabbit
tom kitten
jemima puddle-duck
jemima puddleduck
mrs tiggy-winkle
squirrel nutkin
benjamin bunny
mr mcgregor
jeremy fisher
mr jeremy fisher
the gruffalo
gruffalo
the gruffalo's child
stick man
room on the broom
zog
the highway rat
tiddler
the snail and the whale
superworm
the tiger who came to tea
mog
elmer
the very hungry caterpillar
paddington
paddington bear
winnie the pooh
winnie-the-pooh
christopher robin
piglet
eeyore
tigger
mr toad
toad of toad hall
alice
alice in wonderland
the mad hatter
the cheshire cat
the white rabbit
the queen of hearts
peter pan
wendy darling
captain hook
tinker bell
dorothy gale
the wizard of oz
pinocchio
cinderella
snow white
rapunzel
goldilocks
little red riding hood
hansel and gretel
jack and the beanstalk
rumpelstiltskin
the three little pigs
the gingerbread man
the little red hen
aladdin
ali baba
sinbad
anansi
robin hood
maid marian
friar tuck
little john
king arthur
merlin
sir lancelot
guinevere
beowulf
grendel
odysseus
theseus
perseus
medusa
hercules
thor
loki
odin
the iron man
the iron giant
the snowman
fantastic mr fox
mr fox
boggis, bunce and bean
matilda
matilda wormwood
miss trunchbull
miss honey
charlie bucket
willy wonka
grandpa joe
augustus gloop
veruca salt
violet beauregarde
mike teavee
james henry trotter
james and the giant peach
the bfg
bfg
sophie
danny
danny the champion of the world
the twits
mr twit
mrs twit
george's marvellous medicine
esio trot
the enormous crocodile
the witches
harry potter
hermione granger
ron weasley
ginny weasley
albus dumbledore
dumbledore
severus snape
snape
lord voldemort
voldemort
rubeus hagrid
hagrid
draco malfoy
neville longbottom
tracy beaker
horrid henry
greg heffley
the stig
stig
stig of the dump
mr gum
the worst witch
mildred hubble
charlotte's web
fern arable
black beauty
the secret garden
mary lennox
colin craven
the railway children
private peaceful
charlie peaceful
war horse
albert narracott
bilbo baggins
frodo baggins
gandalf
gollum
aslan
lucy pevensie
edmund pevensie
susan pevensie
peter pevensie
the white witch
mr tumnus
tom riddle
arrietty
pippi longstocking
the borrowers
hiccup horrendous haddock
toothless
percy jackson
artemis fowl
alex rider
sam-i-am
the cat in the hat
the grinch
where the wild things are
the hodgeheg
the owl who was afraid of the dark
the lion, the witch and the wardrobe
# --- Fictional characters: secondary set texts
romeo
juliet
romeo montague
juliet capulet
mercutio
tybalt
benvolio
friar lawrence
lord capulet
lady capulet
macbeth
lady macbeth
banquo
macduff
the three witches
hamlet
ophelia
polonius
othello
iago
desdemona
king lear
cordelia
prospero
caliban
puck
oberon
titania
nick bottom
shylock
malvolio
ebenezer scrooge
scrooge
bob cratchit
tiny tim
jacob marley
marley
fezziwig
oliver twist
fagin
the artful dodger
bill sikes
mr bumble
pip
estella
miss havisham
magwitch
abel magwitch
joe gargery
david copperfield
dr jekyll
mr hyde
jekyll
hyde
gabriel utterson
mr utterson
dr lanyon
victor frankenstein
frankenstein
frankenstein's monster
dracula
count dracula
sherlock holmes
dr watson
jane eyre
mr rochester
heathcliff
catherine earnshaw
elizabeth bennet
mr darcy
fitzwilliam darcy
jane bennet
mr bennet
mrs bennet
mr wickham
emma woodhouse
tess durbeyfield
inspector goole
arthur birling
sybil birling
sheila birling
eric birling
gerald croft
eva smith
george milton
lennie small
curley's wife
atticus finch
scout finch
jem finch
boo radley
tom robinson
ralph
piggy
jack merridew
samneric
the lord of the flies
winston smith
big brother
napoleon the pig
snowball
old major
squealer
mrs johnstone
mrs lyons
mickey johnstone
edward lyons
christopher boone
kathy h
john proctor
abigail williams
willy loman
blanche dubois
stanley kowalski
gatsby
jay gatsby
holden caulfield
the ancient mariner
ozymandias
# --- Composers, musicians
wolfgang amadeus mozart
mozart
ludwig van beethoven
beethoven
johann sebastian bach
bach
george frideric handel
handel
antonio vivaldi
vivaldi
joseph haydn
franz schubert
frédéric chopin
frederic chopin
pyotr ilyich tchaikovsky
tchaikovsky
edward elgar
gustav holst
benjamin britten
ralph vaughan williams
henry purcell
camille saint-saëns
camille saint-saens
claude debussy
igor stravinsky
sergei prokofiev
edvard grieg
richard wagner
giuseppe verdi
gioachino rossini
john williams
hans zimmer
scott joplin
louis armstrong
duke ellington
ella fitzgerald
nina simone
bob marley
the beatles
john lennon
paul mccartney
elvis presley
freddie mercury
david bowie
stormzy
ed sheeran
adele
taylor swift
beyoncé
beyonce
michael jackson
# --- Artists, designers, architects
vincent van gogh
van gogh
pablo picasso
picasso
claude monet
monet
michelangelo
rembrandt
johannes vermeer
salvador dalí
salvador dali
henri matisse
matisse
paul cézanne
paul cezanne
georges seurat
wassily kandinsky
kandinsky
paul klee
piet mondrian
joan miró
joan miro
andy warhol
roy lichtenstein
frida kahlo
diego rivera
georgia o'keeffe
jackson pollock
mark rothko
keith haring
jean-michel basquiat
banksy
l s lowry
ls lowry
lowry
j m w turner
jmw turner
john constable
thomas gainsborough
william morris
henry moore
barbara hepworth
david hockney
yayoi kusama
andy goldsworthy
antony gormley
grayson perry
chris ofili
lubaina himid
sonia boyce
bridget riley
tracey emin
damien hirst
hokusai
katsushika hokusai
gustav klimt
edvard munch
henri rousseau
charles rennie mackintosh
zaha hadid
# --- Sport
jessica ennis
jessica ennis-hill
mo farah
sir mo farah
kelly holmes
dame kelly holmes
usain bolt
jesse owens
serena williams
venus williams
andy murray
emma raducanu
roger federer
rafael nadal
lewis hamilton
chris hoy
bradley wiggins
laura kenny
jason kenny
ellie simmonds
tanni grey-thompson
jonnie peacock
david weir
tom daley
adam peaty
max whitlock
simone biles
dina asher-smith
denise lewis
daley thompson
sebastian coe
steve redgrave
paula radcliffe
marcus rashford
harry kane
raheem sterling
bukayo saka
jude bellingham
david beckham
wayne rooney
bobby moore
geoff hurst
alf ramsey
gareth southgate
sarina wiegman
leah williamson
lucy bronze
alex scott
chloe kelly
beth mead
mary earps
ellen white
lionel messi
cristiano ronaldo
pelé
pele
diego maradona
michael jordan
jonny wilkinson
martin johnson
joe root
ben stokes
heather knight
ellyse perry
virat kohli
sachin tendulkar
tiger woods
ronnie o'sullivan
eric liddell
roger bannister
fanny blankers-koen
nicola adams
anthony joshua
laura muir
katarina johnson-thompson
# --- Other figures commonly in lessons (PSHE, citizenship, media)
captain tom
captain sir tom moore
marcus garvey
stephen lawrence
doreen lawrence
ruby bridges
emmett till
wangari maathai
michelle obama
joe wicks
marie stopes
# --- Black British and suffrage history, and KS3 reading lists
sophia duleep singh
sam king
amelia gentleman
lilian bader
john blanke
floella benjamin
herbert asquith
elizabeth acevedo
jason reynolds
angie thomas
patrice lawrence
kwame alexander
vera lynn
# --- More people and characters of reading lists and the history curriculum.
# (Authors whose names are also common people's names, such as John Green, Holly
# Jackson or Anne Fine, are left out: a pupil or teacher of that name must count; so are
# single names that are given names too, such as Claudius, Galen or Hadrian.)
aethelflaed
akbar the great
alice oseman
ambroise pare
andrea levy
andreas vesalius
archduke franz ferdinand
arthur ransome
auggie pullman
augustus caesar
boudica
cardinal wolsey
carol rumens
cetshwayo
charles causley
chinua achebe
confucius
daisy renton
edith nesbit
edward lear
eleanor of aquitaine
elie wiesel
ernst chain
eve garnett
field marshal haig
gary paulsen
gavrilo princip
granville sharp
harald hardrada
harry s truman
hg wells
howard florey
isaac rosenberg
jerry spinelli
jomo kenyatta
josiah wedgwood
jules verne
kaiser wilhelm ii
kate dicamillo
khaled hosseini
lakshmibai
lemn sissay
leon trotsky
lois lowry
margaret atwood
markus zusak
mary wollstonecraft
miep gies
neil gaiman
octavia hill
primo levi
qin shi huang
rani of jhansi
rick riordan
roger mcgough
shah jahan
shaka zulu
sharon creech
spike milligan
stanley yelnats
steve biko
suzanne collins
terry pratchett
tipu sultan
titus salt
tomi adeyemi
toni morrison
toussaint louverture
ursula le guin
vera brittain
violette szabo
william howard russell
yann martel
zadie smith
ira aldridge
# The poets of the AQA Power and Conflict anthology, named in nearly every GCSE English
# document, are listed although their names are ordinary ones.
beatrice garland
jane weir
# --- Events named like people ("Norman" is a given name, "Conquest" and "Boycott" are
# surnames).
norman conquest
bristol bus boycott
montgomery bus boycott
magna carta
# --- More of the history curriculum and set texts (Tudor court, explorers; the
# characters of Goodnight Mister Tom, a Year 6 evacuation text).
francis walsingham
sir francis walsingham
john cabot
sebastian cabot
william beech
tom oakley
""".splitlines()


# ---------------------------------------------------------------------------
# Normalisation helpers
# ---------------------------------------------------------------------------
FOLD_SPECIAL = {
    "ł": "l", "đ": "d", "ð": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe",
    "ı": "i", "þ": "th", "ŀ": "l", "ħ": "h", "ŧ": "t", "ŋ": "ng", "ĸ": "k",
    "ſ": "s", "ǝ": "e", "ə": "e", "ɛ": "e", "ɔ": "o", "ƙ": "k", "ɗ": "d",
    "ɓ": "b", "ƴ": "y", "ʼ": "'",
}
APOSTROPHES = {"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "ʻ": "'"}
DASHES = {"‐": "-", "‑": "-", "–": "-", "—": "-"}


def is_latin_letter(ch):
    try:
        return unicodedata.name(ch).startswith("LATIN")
    except ValueError:
        return False


def normalise(raw):
    """Return the canonical lowercase form of a name, or None if unusable."""
    s = unicodedata.normalize("NFC", raw.strip())
    for a, b in {**APOSTROPHES, **DASHES}.items():
        s = s.replace(a, b)
    s = s.replace("İ", "i")  # Turkish dotted capital I -> i (not i + dot)
    s = s.lower()
    s = unicodedata.normalize("NFC", s)
    s = " ".join(s.split())
    s = s.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    if not s:
        return None
    for ch in s:
        if ch in " '-":
            continue
        if unicodedata.category(ch) == "Mn":  # stray combining mark
            continue
        if not ch.isalpha() or not is_latin_letter(ch):
            return None
    if s[0] in "-'" or s[-1] in "-" or "--" in s:
        return None
    return s


def fold(s):
    """ASCII-fold a normalised name: zoë -> zoe, łukasz -> lukasz."""
    out = []
    for ch in s:
        ch = FOLD_SPECIAL.get(ch, ch)
        out.append(ch)
    s2 = unicodedata.normalize("NFKD", "".join(out))
    s2 = "".join(c for c in s2 if unicodedata.category(c) != "Mn")
    s2 = unicodedata.normalize("NFC", s2)
    return s2 if all(ord(c) < 128 for c in s2) else None


def letters_len(s):
    return sum(1 for c in s if c.isalpha())


def acceptable(s):
    return s is not None and letters_len(s) >= 2 and s not in DROP


# ---------------------------------------------------------------------------
# Source readers. Each returns (first_names, surnames) as lists of raw strings.
# ---------------------------------------------------------------------------
FAKER_LOCALES = [
    # British Isles
    "en_GB", "en_IE", "ga_IE", "en", "en_US", "en_NZ",
    # Eastern Europe
    "pl_PL", "ro_RO", "lt_LT", "lv_LV", "et_EE", "sk_SK", "cs_CZ", "hu_HU",
    "hr_HR", "sl_SI", "ru_RU", "uk_UA",
    # South Asia
    "en_IN", "en_PK",
    # Africa
    "en_NG", "yo_NG", "ig_NG", "ha_NG", "tw_GH", "en_KE", "sw", "zu_ZA",
    # East / South-East Asia (romanised lists only)
    "zh_CN", "zh_TW", "vi_VN", "ja_JP", "id_ID", "en_TH",
    # Turkey, Azerbaijan, Central Asia, North Africa (Latin lists)
    "tr_TR", "az_AZ", "uz_UZ", "fr_DZ",
    # Western Europe
    "pt_PT", "pt_BR", "es_ES", "es_MX", "es_CO", "es_AR", "es_CL", "es_CA",
    "it_IT", "fr_FR", "fr_BE", "fr_CH", "fr_CA", "de_DE", "de_AT", "de_CH",
    "de_LU", "de_LI", "nl_NL", "nl_BE", "da_DK", "no_NO", "sv_SE", "fi_FI",
    "is_IS",
]
# Locales whose native lists are in Cyrillic but which ship their own
# transliteration function (faker.providers.person.<locale>.translit).
FAKER_TRANSLIT = {"ru_RU", "uk_UA"}

FIRST_ATTR_KEYS = ("first_name", "first_romanized_name", "middle_name")
LAST_ATTR_KEYS = ("last_name", "last_romanized_name")


def _str_items(v):
    if isinstance(v, dict):
        items = list(v.keys())
    elif isinstance(v, (list, tuple)):
        items = list(v)
    else:
        return []
    return [x for x in items if isinstance(x, str)]


def read_faker(report):
    import faker
    firsts, lasts = [], []
    for loc in FAKER_LOCALES:
        mod = importlib.import_module("faker.providers.person." + loc)
        prov = mod.Provider
        translit = getattr(mod, "translit", None) if loc in FAKER_TRANSLIT else None
        taken = []
        for attr in sorted(dir(prov)):
            if attr.startswith("_") or "format" in attr:
                continue
            if attr == "last_names_without_suffix":  # Icelandic patronymic stems
                continue
            is_first = any(k in attr for k in FIRST_ATTR_KEYS)
            is_last = any(k in attr for k in LAST_ATTR_KEYS) or attr.endswith("last_names")
            if not (is_first or is_last):
                continue
            items = _str_items(getattr(prov, attr))
            if not items:
                continue
            if translit is not None:
                items = [translit(x) for x in items]
            latin = [x for x in items if normalise(x) is not None]
            if not latin:
                continue
            taken.append("%s(%d)" % (attr, len(latin)))
            (firsts if is_first else lasts).extend(latin)
        report.setdefault("faker_locales", {})[loc] = taken
    report["faker_version"] = faker.VERSION
    return firsts, lasts


def read_nam_dict(report):
    import gender_guesser
    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line or line[0] in "#=":
                continue
            parts = line.split()
            if len(parts) < 2:
                continue
            name = parts[1]
            if "+" in name:
                # "Jun+Wei" stands for Jun-Wei, Jun Wei and Junwei; the spaced
                # form adds nothing for a word-based detector (both parts are
                # listed on their own), so only the other two are kept.
                names.extend(name.replace("+", r) for r in ("-", ""))
            else:
                names.append(name)
    report["nam_dict_lines"] = len(names)
    return names


def read_census(report):
    import names as names_pkg
    d = os.path.dirname(names_pkg.__file__)

    def col0(fn, limit=None):
        out = []
        with open(os.path.join(d, fn), encoding="ascii") as f:
            for i, line in enumerate(f):
                if limit is not None and i >= limit:
                    break
                if line.strip():
                    out.append(line.split()[0])
        return out

    firsts = col0("dist.female.first") + col0("dist.male.first")
    lasts = col0("dist.all.last", CENSUS_SURNAME_LIMIT)
    report["census_first"] = len(firsts)
    report["census_last"] = len(lasts)
    return firsts, lasts


# The 1990 US Census surname file is ordered by frequency; its long tail is
# mostly very rare spellings, so only the most frequent entries are taken.
CENSUS_SURNAME_LIMIT = 40000


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------
def split_parts(s):
    return [p for p in s.replace("-", " ").split(" ") if p]


def _version(dist):
    from importlib import metadata
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


# Entries that are among the most frequent English words and that only one
# source lists (typically the long tail of the census surname file: "people",
# "going", "every") are noise: they are dropped from the name lists. A name
# listed by two or more sources ("said", "will") or in NAME_WORDS_FORCE stays
# (and then lands in name_words.txt).
FREQUENT_WORD_TOP_N = 1000


def frequent_words():
    import wordfreq
    return set(wordfreq.top_n_list("en", FREQUENT_WORD_TOP_N))


def build_set(raw_items, support, frequent, report_key, report,
              extra_single_ok=frozenset()):
    """Normalise, expand parts and folds. Returns the final set.

    support: normalised entry -> number of sources that list it.
    """
    base = set()
    dropped = []
    for r in raw_items:
        s = normalise(r)
        if not acceptable(s):
            continue
        if s in frequent and support.get(s, 0) < 2 and s not in NAME_WORDS_FORCE:
            dropped.append(s)
            continue
        base.add(s)
    report[report_key + "_dropped_frequent_words"] = sorted(set(dropped))
    singles = {s for s in base if " " not in s and "-" not in s} | set(extra_single_ok)
    out = set(base)
    for s in base:
        if "-" in s and " " not in s:
            # double-barrelled: every part is itself a name
            for p in s.split("-"):
                if acceptable(p):
                    out.add(p)
        elif " " in s:
            # multiword: keep a part only if it is a name on its own elsewhere
            for p in split_parts(s):
                if acceptable(p) and p in singles:
                    out.add(p)
    folded = set()
    for s in out:
        f = fold(s)
        if f and f != s and acceptable(f):
            folded.add(f)
        if "'" in s:  # o'brien -> obrien (how it is often typed / recorded)
            g = (f or s).replace("'", "")
            if acceptable(g):
                folded.add(g)
    out |= folded
    return out


def load_wordlist():
    path = "/usr/share/dict/american-english"
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and w == w.lower() and "'" not in w:
                words.add(w)
    return words


NAME_WORDS_TOP_N = 30000


def build_name_words(names, report):
    import wordfreq
    dict_words = load_wordlist()
    top = wordfreq.top_n_list("en", NAME_WORDS_TOP_N)
    top_set = set(top)
    report["wordfreq_version"] = _version("wordfreq")
    auto = {n for n in names if n in top_set and n in dict_words}
    forced = {n for n in NAME_WORDS_FORCE if n in names}
    result = (auto - NAME_WORDS_EXCLUDE) | forced
    report["name_words_auto"] = len(auto)
    report["name_words_forced"] = len(forced - auto)
    report["name_words_excluded"] = len(auto & NAME_WORDS_EXCLUDE)
    return result


COMMON_WORDS_TOP_N = 20000


def build_common_words(names):
    """Common English words that are no name: wamerican's lowercase words of three
    letters or more that wordfreq ranks among the most frequent, less every given name
    and surname. The detector reads them only for words the name lists do not hold."""
    import wordfreq
    dict_words = load_wordlist()
    top = wordfreq.top_n_list("en", COMMON_WORDS_TOP_N)
    return {w for w in top
            if w in dict_words and w.isascii() and w.isalpha() and len(w) >= 3
            and w not in names}


def build_public_figures():
    out = set()
    for line in PUBLIC_FIGURES:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        s = unicodedata.normalize("NFC", line.lower())
        for a, b in APOSTROPHES.items():
            s = s.replace(a, b)
        s = " ".join(s.split())
        out.add(s)
        f = fold(s)
        if f and f != s:
            out.add(f)
    return out


def write_list(path, items, check):
    data = "".join(x + "\n" for x in sorted(items))
    if check:
        try:
            with open(path, encoding="utf-8") as f:
                old = f.read()
        except FileNotFoundError:
            old = None
        status = "same" if old == data else "DIFFERS"
        print("%-20s %7d entries %s" % (os.path.basename(path), len(items), status))
        return old == data
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)
    print("%-20s %7d entries %8d bytes" % (os.path.basename(path), len(items), len(data.encode())))
    return True


SPOT_CHECK = """
oluwaseun chidera zofia łukasz lukasz siobhan niamh aoife mohammed muhammad
fatima priya harpreet gurpreet nguyen wojcik kowalczyk okafor adeyemi mensah
osei abdi farah hussain begum patel singh kaur chen wang li zhang yilmaz demir
o'brien mcdonald macdonald tendai tatenda chipo sipho moyo ncube phiri banda
""".split()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-gfdl", action="store_true",
                    help="leave out gender-guesser's nam_dict.txt (GNU FDL)")
    ap.add_argument("--check", action="store_true",
                    help="compare with the files on disk instead of writing")
    ap.add_argument("--no-supplement", action="store_true",
                    help="diagnostics: leave out the hand-curated supplement")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    report = {}
    fk_first, fk_last = read_faker(report)
    cs_first, cs_last = read_census(report)
    nd_first = [] if args.no_gfdl else read_nam_dict(report)

    sup_first = [] if args.no_supplement else SUPPLEMENT_FIRST_NAMES
    sup_last = [] if args.no_supplement else SUPPLEMENT_SURNAMES
    surn_raw = fk_last + cs_last + sup_last
    first_raw = fk_first + cs_first + nd_first + sup_first
    # how many independent sources list each normalised entry
    support = {}
    for src in (fk_first + fk_last, cs_first + cs_last, nd_first,
                sup_first + sup_last):
        for n in {normalise(x) for x in src}:
            support[n] = support.get(n, 0) + 1
    frequent = frequent_words()
    surnames = build_set(surn_raw, support, frequent, "surnames", report)
    first = build_set(first_raw, support, frequent, "first", report)

    names_all = first | surnames
    name_words = build_name_words(names_all, report)
    common_words = build_common_words(names_all)
    figures = build_public_figures()

    if args.verbose:
        for k, v in sorted(report.items()):
            print(k, v)
        print("first-name sources: faker %d, census %d, nam_dict %d, supplement %d"
              % (len(fk_first), len(cs_first), len(nd_first), len(SUPPLEMENT_FIRST_NAMES)))
        print("surname sources: faker %d, census %d, supplement %d"
              % (len(fk_last), len(cs_last), len(SUPPLEMENT_SURNAMES)))

    ok = True
    ok &= write_list(os.path.join(HERE, "first_names.txt"), first, args.check)
    ok &= write_list(os.path.join(HERE, "surnames.txt"), surnames, args.check)
    ok &= write_list(os.path.join(HERE, "name_words.txt"), name_words, args.check)
    ok &= write_list(os.path.join(HERE, "public_figures.txt"), figures, args.check)
    ok &= write_list(os.path.join(HERE, "common_words.txt"), common_words, args.check)

    missing = [n for n in SPOT_CHECK if n not in names_all]
    print("spot check: %d/%d present%s" % (len(SPOT_CHECK) - len(missing), len(SPOT_CHECK),
                                          (", missing: " + " ".join(missing)) if missing else ""))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
