"""Common given names by gender, for pronoun agreement in news articles.

A person whose first name is in one list is taken to be of that gender, so "she" does not refer
back to a man. A name is listed only if it is overwhelmingly given to one gender in the name
traditions seen in international English-language news and, capitalised, it usually is a name:
unisex names (Alex, Jordan, Kim, Andrea, Nicola, Jean) are left out, and so are names that are
also common words, surnames, places, brands or agencies (Will, Hope, Georgia, Chelsea, Zara),
except a few carried over from the first lists (Virginia, Austin, Madison). Lower-case; common
accented spellings sit beside the ASCII ones, and hyphenated given names are written whole.
"""

from __future__ import annotations


def _names(listing: str) -> frozenset[str]:
    """The names of a listing: whitespace-separated, with "# tradition" comment lines."""
    return frozenset(
        word
        for line in listing.splitlines()
        if not line.strip().startswith("#")
        for word in line.split()
    )


FEMALE_FIRST_NAMES: frozenset[str] = _names(
    """
    # carried over from cues.py
    abigail aisha alice amanda amber amina amy ana angela ann anna barbara beth betty beverly
    brenda brittany carmen carol carolyn catherine charlotte cheryl christina christine claire
    clara cynthia danielle deborah debra denise diana diane donna doris dorothy elena elise
    elizabeth ella ellen emily emma eva evelyn fatima frances gina gloria grace hannah heather
    helen hillary irina isabel isabella jacqueline jane janet janice jennifer jessica jill joan
    joanne joyce judith judy julie karen kate katherine kathleen kathryn kathy katie kayla
    kimberly kirsten kristen laura lauren leila linda lisa liz lori lucia madison margaret maria
    marie marilyn marta martha mary megan meghan melissa michelle monica nancy natalia natalie
    nicole nikki olga olivia pamela patricia paula priya rachel rebecca rosa ruth samantha
    sandra sara sarah sharon shirley sofia sonia sophia stephanie susan susanna svetlana sylvia
    tanya tara tatiana teresa theresa tina ursula veronica victoria virginia wendy whitney yulia
    yvonne zoe
    # English, American, Australian
    abby adalyn adalynn adele adeline adriana agatha aileen alexandra alicia alison allison
    alyssa amelia angelina anita annabel annabelle annalise anne anneliese annette annie
    antoinette arabella aria ariana arianna ashlyn audrey aurelia ava ayanna barbra becky
    belinda bella bernadette beryl bethany betsy beyonce beyoncé bianca bonnie briana brianna
    bridget brielle britney brittney brooke caitlin camilla candace candice carla carly caroline
    carrie cassandra cathy cecilia charlene chloe cindy claudia clementine colleen condoleezza
    connie cora daisy daphne darlene debbie delilah dianne dolly dolores dora edith edna eileen
    elaine eleanor eliana elinor elisabeth eliza elliana ellie eloise elsie emilia emmeline
    erica erika erin esther ethel eugenie everly evie felicity fiona flora freya gabriella
    gabrielle gemma georgina geraldine gertrude gillian gladys glenda gretchen gwen gwendolyn
    hailey harriet hattie hayley hazel heidi helena henrietta hermione holly imogen irene
    isabelle isobel ivanka jada jana janine jasmine jayla jeanette jeanine jeanne jemima jenna
    jennie jenny jocelyn josephine josie judi julia juliana juliet justine kaitlyn kamala kara
    karina karoline katelyn katharine katrina kaylee kayleigh keira kemi kiara kristi kristin
    kristina kristine kylie kyrsten lara layla leah leanne leona lesley lila lilah lillian lily
    lois lola lorna lottie louisa louise lucinda lucy lydia lyla mabel madeleine madeline
    madelyn maggie maisie makayla mandy marcia margaux margot marianne marjorie marlene matilda
    maureen mavis maxine mazie melania melanie melinda meryl mia michaela mildred miley millie
    mira miriam molly myra nadia naomi natasha nell nellie nevaeh nina nora norah norma octavia
    ophelia oprah pam patsy paulette peggy penelope phoebe phyllis polly priscilla priti rachael
    raelynn rashida rebekah rhoda rihanna rita roberta rosalind rosemary rosie roxanne sabrina
    sadie sally scarlett selena selina serena shabana shakira sheila sheryl sienna sloane sonya
    sophie stacey stella suella susie suzanne sybil tabitha tamara tammy tamsin tessa thelma
    tracey trudy valerie vanessa vera vicki vicky vivienne wilma winifred winnie yolanda yvette
    zelda zoey zoë
    # Irish, Scottish, Welsh
    ailsa aisling angharad aoife bethan brid bríd caoimhe carys catriona catríona cerys ciara
    clodagh deirdre eilidh eimear eleri elspeth ffion fionnuala grainne gráinne gwyneth iona
    isla kirsty maeve maire mairead mairi mairéad mhairi moira morag máire méabh niamh nuala
    orla orlaith rhiannon rhona roisin róisín saoirse shona sian sinead sinéad siobhan siobhán
    siân sorcha
    # French
    adèle agnes agnès amandine amelie amélie anais anaïs anne-marie anne-sophie arlette aurelie
    aurélie aya beatrice brigitte béatrice capucine cecile celine chloé chloë clemence clotilde
    clémence colette coralie cécile céline danièle delphine elodie emilie estelle francoise
    françoise gaelle gaëlle genevieve geneviève ginette helene heloise huguette héloïse hélène
    ines inès jeannette josette josiane juliette laetitia lea leonie lise lucie léa léonie manon
    marie-christine marie-claire marie-france marie-hélène marie-josé marie-laure martine
    mathilde maud maude michèle mireille monique muriel mylène myriam mélanie nadine najat
    nathalie noemie noémie oceane océane odile ophélie pascale pauline perrine rachida sandrine
    segolene solene solène sophie-charlotte stéphanie sylvie ségolène valérie veronique virginie
    véronique yasmina zoé élisabeth élise élodie éloïse émilie
    # Spanish, Latin American
    adela ainhoa aitana alejandra amaia antonia araceli beatriz begona begoña belén blanca
    bárbara camila catalina consuelo daniela delcy dilma elvira esperanza estefanía estela
    eugenia fernanda florencia gabriela graciela inés itziar jimena josefina juana leire leticia
    lidia lorena lucía luisa luz magdalena manuela marcela margarita mariana marianela maribel
    marisa marisol maría milagros mireia montse mónica nerea noelia nuria núria paola pilar
    raquel rebeca rocio rocío rosalía sofía soledad susana valentina vanesa verónica viviana
    ximena xiomara xochitl xóchitl yesenia zulema ángela
    # Portuguese, Brazilian
    catarina cláudia debora débora filipa fátima gisele gleisi graca graça isabela isadora joana
    jéssica larissa leonor letícia livia luana luísa lívia margarida marielle marilia marília
    patrícia renata sónia sônia tania thais thaís tânia vitoria vitória
    # Italian
    alessandra alessia antonella benedetta caterina chiara donatella eleonora elisa elly fabiola
    federica francesca gianna ginevra giorgia giovanna giulia ilaria letizia loredana luciana
    ludovica margherita mariangela mariella marina matilde nicoletta noemi ornella ottavia
    patrizia raffaella rosanna silvia simona stefania tiziana valeria vittoria
    # German, Dutch, Scandinavian, Finnish
    aino alma anja anke annalena annegret anneke annemarie annika anouk astrid bettina birgit
    birgitta britt christiane cornelia dagmar dorte dorthe ebba elin elke elsa erna femke fleur
    franziska frauke frida gesine gisela greta gro gudrun gunhild hanna hanneke hannelore hedwig
    heike helga helle hilde hildegard ida ilse inge ingrid irmgard johanna jolanda jutta jóhanna
    kajsa karin kathrin katja katrin katrín kerstin lena lene lieke liesel linnea liselotte liv
    lotte maike maja malin margrethe marieke marit marjolein meike mette mieke mila mirjam
    pernille petra päivi ragnhild renate ricarda riikka sabine sahra sanna sanne saskia signe
    sigrid silke siv solveig steffi stina susanne svenja tanja tarja tove trine ulla ulrike ute
    verena vigdis wiebke willemijn
    # Polish, Czech, Slovak, Hungarian, Baltic
    agata agnieszka aleksandra alena aniko anikó barbora beata bozena bożena dalia danuta dorota
    elzbieta elżbieta erzsebet erzsébet eszter ewa grazyna grażyna halina iga ildiko ildikó
    ingrida ivana iwona izabela jadwiga jitka joanna jolanta judit justyna kaja kamila karolina
    katalin katarzyna katerina kateřina kersti kinga klara klára kristyna kristýna krisztina
    krystyna lenka ludmila magda malgorzata marketa markéta martina marzena małgorzata orsolya
    paulina ruta rūta sarka sylwia szilvia tereza timea tímea urszula vaira veronika věra wanda
    weronika zofia zsuzsanna zuzana ágnes šárka
    # Russian, Ukrainian, Belarusian
    alina alla alyona anastasia anastasiia daria dariya darya ekaterina evgenia galina halyna
    inna iryna kateryna khrystyna kira ksenia kseniya larisa larysa lidiya liudmyla lyubov
    lyudmila lyudmyla mariia masha milena nadezhda nadiya nataliya natalya oksana oleksandra
    olena olha polina raisa sofiia sofya svitlana tatyana tetiana viktoria viktoriia yana
    yekaterina yelena yevgenia yuliia zhanna zinaida zoya
    # Balkan, Romanian, Bulgarian, Greek, Albanian
    aikaterini andreea angeliki biljana blerta corina desislava despina dimitra dragana drita
    effie eirini eleni evangelia foteini gordana ioana ioanna irini jelena jovana katarina
    kolinda konstantina marija maya melina mihaela milica mimoza mirjana natasa nataša nicoleta
    oana panagiota raluca roxana snezana snežana theodora tijana vasiliki vesna viorica vjosa
    yordanka
    # Turkish, Central Asian, Caucasus
    aigerim aliya anahit asli aslı ayse ayşe busra büşra canan dilek dinara ebru elif emine esra
    fatma gayane gulnara gulsen gülşen hatice karine ketevan lusine mehriban melike meral merve
    narine ozlem pinar pınar salome seda sevgi sibel tansu yasemin zeynep özlem
    # Arabic, North African
    aaliyah abeer aicha alia aminah asma asmaa ayesha aysha aziza dina esraa fadwa ghada hadeel
    hala hana hanan heba hiba hoda houda huda israa jameela jamila karima khadija khadijah laila
    lamia lamya latifa leyla lina loubna lubna maha mai malak manal mariam marwa maryam mervat
    mona muna nabila nadya nagwa naima najwa nawal nermeen nesrine nisreen noura raghad randa
    rania ranya rasha rawan reem reema rima safiya sahar salma salwa sameera samia samira sawsan
    shahd shaima sherine shireen soraya souad suad suha wafaa widad yara yasmeen yasmin yasmine
    yousra yusra zahra zahraa zaina zainab zaynab zeina zeinab zohra zubaida
    # Persian
    azadeh elaheh elham farideh farnaz fatemeh fereshteh forough golnar golshifteh haleh homa
    katayoun ladan laleh mahboubeh mahnaz mahsa manijeh marzieh masoumeh mojgan nahid narges
    nasrin nazanin neda negar niloofar niloufar nilufar parastoo pari parisa parvin pegah roya
    samaneh sanaz sepideh setareh shabnam shahla shirin sima simin soheila somayeh tahereh
    taraneh yasaman zhina ziba
    # Hebrew
    adina ayelet batya chana devorah dvora einat galit gila golda hadas hadassah hagit hila
    inbal irit keren liat limor maayan meirav merav naama noga nurit orit orna osnat pnina rina
    rivka rivkah ronit shira shlomit shoshana shulamit sigal talia tamar tova tovah tzipi
    tzipora yael yafa yehudit yocheved
    # South Asian
    aarti aishwarya ananya anitha anjali anushka archana asha benazir bhavna bushra chandrika
    chitra deepa deepika divya droupadi farzana gayatri geeta geetha gita harini harsimrat
    hasina hema hina humaira indira indu jaya jayalalithaa kajol kalpana kalyani kangana
    kanimozhi kareena kavita kavitha khaleda lakshmi lalitha lata madhuri mahira mahua mala
    malala malathi mamata manisha mayawati meena meenakshi meera mehbooba mithali nandini nargis
    nasreen nayanthara nazia neha nirmala nisha noreen nupur padmini pallavi parvati pooja
    poonam pratibha preeti priyanka radha radhika rani rashmi rekha renu revathi ritu rubina
    rukhsana rupa saima saina sakshi samina sangeeta sangeetha sania sapna saranya sarita
    savitri seema shaista shalini sharmila shazia shilpa shobha shraddha shruti shweta sirimavo
    sita smita smriti sneha sonal sonali sridevi sudha sumathi sunita supriya sushma swati
    tamilisai tanvi taslima tehmina trisha uma usha uzma vaishnavi vandana vani vidya vijaya
    yamini zeba
    # Southeast Asian
    ayu azizah busanan chutima corazon dewi huong imee imelda indah kanokwan kartini leni liza
    maricel marites megawati nattaya ngoc nhung nurhayati paetongtarn pornpimol porntip puan
    putri ratchanok ratna retno risa rosmah siriporn siti sudarat sunisa supaporn susi thao thuy
    trang wilawan wulan yanti yingluck zuraida
    # Japanese, Korean
    aiko airi akane akari akie akiko ayako ayumi chieko eiko emi emiko etsuko eun-ji fumiko
    ha-eun hanae hanako haruka himari hiroko hisako hitomi hye-jin hye-won ji-eun ji-hye ji-yeon
    junko kana kaori kasumi kazuko keiko kimiko kiyoko kumi kumiko kyoko kyung-hee machiko
    makiko mariko masako mayu mayumi megumi mi-kyung michiko midori miho min-ji minji mio misaki
    mitsuko momoko nanami naoko nobuko noriko reiko rie rika sachiko sakura sanae saori satoko
    sayaka sayuri seiko seo-hyun seo-yeon seo-yun seoyeon setsuko shiori shizuka shoko soo-jin
    sujin sumiko takako tomoko tomomi toshiko yasuko ye-jin yoko yoshiko young-hee yui yuka
    yukari yukiko yuko yumi yumiko yuna yuriko
    # African
    abena achieng adaeze adanna adaora adaugo adhiambo adjoa adunni adwoa afia afua aissatou
    akinyi akosua akua almaz ama amaka amara aminata atieno auma awa awino bathabile bilkisu
    binta bintou birtukan busisiwe chiamaka chidinma chiedza chimamanda chinyere chioma chipo
    coumba derartu efua fadumo fatou fatoumata folake folasade funke funmilayo genzebe hadiza
    halima hauwa hirut hodan ifeoma ijeoma iyabo kadiatou khady letesenbet lindiwe mariama
    mekdes meseret modupe mumbi mwanaisha naledi ndeye neema ngozi njeri nkechi nkiru nkosazana
    nneka nokuthula nomsa nomvula nomzamo nonhlanhla nosipho nthabiseng ntombi nyambura obiageli
    ogechi oluchi olufunke omolara omotola oumou palesa phumzile rehema rokia ronke rudo
    rumbidzai sahle-work sifan simisola thandeka thandi thandiwe tigist tirunesh titilayo tsitsi
    wambui wangari wanjiku wanjiru wuraola yaa yemisi yetunde yewande zanele zinhle zodwa zuhura
    """
)

MALE_FIRST_NAMES: frozenset[str] = _names(
    """
    # carried over from cues.py
    aaron abdul adam ahmed alan albert alexander alexei andrew anthony arthur austin ben
    benjamin bernie bill billy bob bobby boris brandon brian bruce bryan carl charles christian
    christopher chuck colin craig dan daniel dave david dennis derek dmitry donald doug douglas
    dylan ed edward elijah emmanuel eric ethan eugene frank gabriel gary george gerald gordon
    graham greg gregory harold hassan henry hugh ian ibrahim jack jacob jake james jason jeffrey
    jeremy jerry jim joe john jon jonathan jose joseph josh joshua juan justin keir keith
    kenneth kevin khalid kyle larry lawrence liam logan louis luke mark martin mason matt
    matthew max michael mike mitch mohammed muhammad narendra nathan neil nicholas nick nigel
    noah omar owen patrick paul pete peter philip rahul ralph randy raymond recep richard rishi
    rob robert roger ronald roy russell ryan samuel scott sean sergei shinzo simon stephen steve
    steven stuart ted thomas tim timothy tom tony tyler vincent vladimir walter wayne william
    willie zachary
    # English, American, Australian
    abel adrian adriel aidan aiden albie alec alfie alfred andy archie arlo axel ayden barnaby
    barry benny bert brad bradley braxton brayden bret brett brody bryce bryson caden caleb
    calvin clifford clint colton curtis cyril damon darren desmond dominic dominick duane dustin
    dwight edgar elias elton elvis emmett ernest evan ezekiel ezra floyd francis fred frederick
    gavin geoffrey gideon giles glen grayson hakeem hank harry harvey herbert howard hugo isaac
    isaiah ivan jace jared jarrod jasper jaxon jayce jayden jeb jeff jeffery jeremiah jerome
    jimmy joel joey johnny jolyon jonah josiah judah jude julian kaiden kaleb kayden kenny kurt
    landon lenny leo leonard leonardo levi lloyd lonnie louie luca lucas malachi marcus marty
    marvin mateo matias maurice melvin merrick milo myles nathanael nathaniel ned newt oliver
    ollie oswald percy phil piers quentin randall reggie reginald reuben rex rhett rick ricky
    robbie rodney ron rudy rupert russ sebastian shawn sid silas sonny stan stephan teddy theo
    theodore tobias toby todd tommy travis trevor tristan tristram ulysses vernon victor vince
    virgil wally waylon wendell wes wesley wilbur wilfred willard winston woody wyatt xavier
    zach zack zak zane
    # Irish, Scottish, Welsh
    alasdair alastair aled alistair angus callum calum carwyn cathal cian ciaran ciarán cillian
    colm connor conor cormac dafydd darragh declan dermot diarmuid donal duncan dónal eamon
    eamonn emlyn enda eoin euan ewan fergus finbar fionn gareth gethin hamish humza huw iain
    ieuan kieran killian lachlan lorcan malcolm micheal micheál murdo niall oisin oisín owain
    paddy padraig pádraig rhodri rhys ronan rory seamus senan seán shane séamus tadhg éamon
    # French, Belgian, Swiss
    alain andre andré antoine arnaud aurelien aurélien baptiste benoit benoît bernard bertrand
    bruno cedric christophe clement clément corentin cédric damien didier dimitri edouard emile
    etienne fabien fabrice florian franck francois françois frederic frédéric gaspard gaël
    gerard gilbert gilles gregoire grégoire guillaume gustave gérard herve hervé hubert hugues
    jacques jean-baptiste jean-charles jean-christophe jean-claude jean-francois jean-françois
    jean-jacques jean-louis jean-luc jean-marc jean-marie jean-michel jean-noel jean-noël
    jean-paul jean-philippe jean-pierre jean-yves joël jules julien jérôme kylian laurent leon
    lionel loic loïc lucien ludovic léon marcel marius mathieu mathis mathéo matthieu maxime
    michel nicolas olivier pascal philippe pierre raphael raphaël regis renaud rené romain régis
    rémi sebastien stephane stéphane sylvain sébastien thibault thibaut thierry théo timothee
    timothée valéry yann yannick yves zinedine édouard émile étienne
    # Spanish, Latin American
    agustin agustín alberto alejandro alfonso alfredo alvaro andres andrés antonio armando
    arturo benito camilo carlos cesar cristian cristobal cristóbal césar diego edmundo eduardo
    efrain efraín eliseo emiliano emilio enrique ernesto esteban evo fabian fabián facundo
    fausto federico felipe fernando fidel francisco gerardo germán gerónimo gilberto gonzalo
    guillermo gustavo hector heriberto hernan hernán horacio humberto héctor ignacio iker inaki
    inigo ismael iñaki iñigo jaime jairo javier jesus jesús joaquin joaquín jordi jorge josep
    josé julio leonel lisandro lorenzo luciano luis manuel marcelo mariano martín mauricio mauro
    miguel moises moisés máximo nahuel nayib nestor nicolás néstor octavio ollanta osvaldo
    oswaldo pablo pedro rafael ramon ramón raul raúl reinaldo ricardo rigoberto roberto rodrigo
    rogelio rolando ruben rubén santino saul saúl sebastián sergio tadeo teodoro tomás ulises
    vicente víctor wilfredo xavi álvaro ángel óscar
    # Portuguese, Brazilian
    afonso anibal antónio antônio aníbal artur augusto caio cláudio cristiano davi diogo flávio
    fábio geraldo goncalo gonçalo guilherme heitor henrique jair joao joaquim joão leandro luiz
    lula luís marcio mateus murilo márcio neymar nuno otavio otávio paulo raimundo renan rivaldo
    rogerio rogério romario romário ronaldinho ronaldo rui ruy sérgio tarcisio tarcísio thiago
    tiago ubiratan vasco vinicius vinícius
    # Italian
    alessandro alessio angelo beppe carlo cesare claudio corrado dario davide domenico edoardo
    emanuele enrico enzo ettore fabio fabrizio filippo flavio francesco gennaro giacomo
    giancarlo gianfranco gianluca gianluigi gianni giorgio giovanni giuseppe guido ignazio
    jacopo lucio luigi marcello marco mario massimo matteo mattia maurizio niccolò nicolo nicolò
    ottavio paolo patrizio piero pietro raffaele renato renzo riccardo rocco ruggero salvatore
    sandro silvano silvio stefano tiziano tommaso ugo umberto valerio vincenzo vito vittorio
    # German, Dutch, Scandinavian, Finnish
    aksel anders antti arjen armin bart bjarne bjarni bjorn björn bram christoph daan dieter
    dirk emil erich erik erling ernst espen felix finn frank-walter frans frederik fredrik
    frenkie friedrich fritz geert geir georg gerhard gerrit gregor gudni guenter gunter gustaf
    gustav günter haakon hans hans-peter harald hartmut heiko heinrich heinz helmut hendrik
    henrik horst ingo ivar jaap jens jeroen joachim jochen joerg johan johann johannes jonas
    joost joris juergen juha jukka jurgen jörg jürgen karl karl-heinz kees klaus knut koen
    kristian kristoffer lars leif lothar ludwig lukas maarten mads magnus manfred markus mats
    matthias matti maximilian mikael moritz morten niels niklas nils norbert olaf ole olof oskar
    otto pekka petteri philipp pieter pim rainer ralf rasmus reinhard rolf rudolf rutger ruud
    sander sauli siegfried sigmar sigmundur sigurd sjoerd soren stefan stig stijn sven søren
    teemu thijs thilo thorsten timo torben torsten trond ulf ulrich uwe ville volker werner
    wilhelm willem wim winfried wolfgang wolfram wopke wouter
    # Polish, Czech, Slovak, Hungarian, Baltic
    alar algirdas andras andrej andrius andrzej andrás arvydas attila balazs balázs bartosz
    csaba damian dariusz dawid dusan dušan edgars egils ferenc gabor gergely gitanas grzegorz
    gyorgy györgy gábor imre istvan istván jacek jakub janusz jaroslav jaroslaw jarosław jerzy
    jiri jiří josef jozef józef kacper kamil karel karol kazimierz konrad krzysztof ladislav
    lajos laszlo lech leszek lubomír lukasz lukáš lászló maciej marcin marek mariusz mateusz
    michał miklos miklós milos miloš mindaugas miroslav miroslaw mirosław ondrej ondřej pawel
    paweł petr piotr przemyslaw przemysław péter radek radoslaw radosław rafal rafał raimonds
    ryszard sandor slawomir stanislaw stanisław szymon sándor sławomir tadeusz tamas tamás tomas
    tomasz tomáš toomas vaclav valdis vladimír vojtech vojtěch vytautas václav waldemar wiktor
    witold wladyslaw wojciech władysław zbigniew zdenek zdeněk zoltan zoltán zsolt zygmunt
    łukasz
    # Russian, Ukrainian, Belarusian
    aleksandr aleksei alexandr alexandre alexey alyaksandr anatolii anatoly andrei andrey andrii
    andriy anton arkady arseniy artem artyom bogdan bohdan borys daniil denis denys dmitri
    dmitriy dmytro egor evgeny fyodor gennady gleb grigory hennadiy igor ihor ilya kirill
    konstantin kyrylo leonid maksym maxim mikhail mykhailo mykola nikolai nikolay oleg oleh
    oleksandr oleksii oleksiy ostap pavel pavlo petro pyotr ruslan sergey serhii serhiy
    stanislav stepan taras timur vadim valentin valeriy valery vasily vasyl viktor vitali
    vitalii vitaly volodymyr vsevolod vyacheslav yaroslav yegor yevgeny yevhen yuri yurii yuriy
    yury
    # Balkan, Romanian, Bulgarian, Greek, Albanian
    agim albin aleksandar andreas antonis apostolos arben aristotle athanasios besnik bojan
    boyko branko christos darko dejan dimitar dimitrios dimitris dorin dragan edi evangelos
    fatmir florin georgi georgios gheorghe giannis giorgos goran hashim hristo ilir ioannis
    ionut ionuț ivaylo ivica ivo kiril konstantinos kostas kyriakos luka manolis marko michalis
    mihai milorad nenad nicolae nikolaos nikos panagiotis pavlos petar petros predrag prokopis
    radovan ratko rumen slobodan socrates sorin sotiris spiros spyros stavros stefanos stelios
    stjepan stoyan thanasis theodoros todor tomislav traian valon vasile vasilis vassilis vlado
    yannis yiorgos zeljko zlatko zoran željko
    # Turkish, Central Asian, Caucasus
    ahmet akhmad alper aram arda armen ashot askar aslan bakhtiyar batuhan berk bidzina binali
    bulent burak bülent cem cenk davit devlet ekrem emomali emre erdem gagik giorgi gurbanguly
    hakan halil hayk hulusi huseyin hüseyin irakli ismail kaan kassym-jomart kemal kerem khabib
    khvicha lasha levan levent levon magomed marat mehmet mert mesut mikheil murat mustafa nikol
    nursultan oguz onur orhan osman oğuz ramzan rustam sadyr selcuk selim selçuk serdar serkan
    serzh shavkat suleyman süleyman tayfun tayyip tigran tolga vahagn volkan zaur zurab ömer
    # Arabic, North African
    abbas abdallah abdel abdelaziz abdelilah abdelkader abdelmadjid abdulaziz abdulla abdullah
    abdulrahman adel adil ahmad ameer amir ammar amr anas anwar ashraf ayad ayman ayoub aziz
    bashar bassam bassel bilal ehab emad essam fadi fahad fahd faisal fares faris fouad fuad
    gamal ghassan ghazi habib hafez haidar haider haitham hakim hamad hamdi hamed hamid hamza
    hasan hatem haytham hazem hesham hisham hosni husain hussain hussein idris imad jaber jamal
    jawad kais kamal kamel kareem karim khaled khalil lotfi mahmoud mahmud majid mansour marwan
    mazen mehdi mohamad mohamed mohammad mohsen mokhtar mostafa moulay mouloud mounir moussa
    muhammed mukhtar munir musa nabeel nabih nabil nader naser nasser nizar osama othman qais
    qasim qassem rached rachid raed rafik rami ramzi raouf rashad rasheed rashid riad riyad
    sabri saeed salah saleem saleh salim salman sameer sameh samer samir saud taha tahar tamer
    tarek tareq tarik tariq tawfiq usama uthman wael wajdi waleed walid yacine yahya yasin yasir
    yasser yassin yassine yazan yazid younes younis yousef yousif youssef yusuf zaid zakaria
    zakariya zaki zayed ziad zine ziyad zuhair
    # Persian
    abolfazl akbar alireza amin arash babak bahram behnam behrouz bijan cyrus darius dariush
    ebrahim ehsan esmail farhad fariborz farid fereydoun gholamreza hadi hamidreza hashem hooman
    hossein houman jafar jalal javad kamran kaveh kazem keyvan kian kourosh manouchehr masoud
    massoud mehran mehrdad milad mohammadreza mojtaba morteza navid omid parsa parviz payam
    pedram peyman pouya ramin reza rostam ruhollah sadegh sadeq shahram siamak soheil sohrab
    vahid yaser
    # Hebrew
    aharon alon amnon amos arieh aryeh asaf asher assaf avi avigdor avner avraham baruch bezalel
    boaz chaim doron dov ehud elad eyal gadi gilad hagai haim ilan itamar meir menachem
    mordechai moshe nachman nadav naftali nir noam ofer omri oren rafi reuven sagi shaul shimon
    shlomo tomer tzvi uri yaakov yair yakov yariv yehoshua yehuda yigal yitzchak yitzhak yoav
    yoel yonah yonatan yosef yossi ze'ev zeev zvi
    # South Asian
    aamir abhijit abhishek ahsan ajay ajit ajith akhilesh akshay amarinder amartya amit amitabh
    anand anil anura anurag arif arjun arnab arun arvind ashish ashok ashwin asif asim atul
    babar balaji bhagwant bhupesh bilawal deepak dev devendra dhanush dhruv dinesh eknath faheem
    fahim fawad ganesh gaurav gautam gautham gopal gotabaya hardik harish hemant hrithik imran
    irfan ishaan jasprit jaswant jayant junaid kannan kapil karan karthik kartik kash kuldeep
    kunal mahendra mahesh mahinda manish manmohan manoj mayank mohan mujibur mukesh mukul
    murugan nadeem nadhim naveed naveen navin nawaz neel nikhil nitin nitish pankaj parth partha
    parvez pawan pervez piyush pradeep prakash pramod pranab prashant prateek praveen
    rabindranath raja rajat rajendra rajesh rajinikanth rajiv rajnath rakesh ramesh ranbir ranil
    ranveer ravi ravindra rishabh rizwan rohit sachin sadiq sahil sajid sajith sajjad sandeep
    sanjay sanjeev santosh saqib saravanan satish satya selvam senthil shahbaz shahid shahrukh
    shankar shantanu sharad shehbaz shekhar shikhar shoaib shreyas shubman siddharth sourav
    subhash sudhir sukhbir sumit sundar sunil surendra suresh suriya suryakumar tahir talha
    tarun uday uddhav udhayanidhi umar umesh usman varun venkatesh vijay vikram vinod vipin
    virat vishal vivek waqar waqas wasim yash yashwant yuvraj zaheer ziaur zubair zulfikar
    zulfiqar
    # Southeast Asian
    abdurrahman abhisit agus ahok airlangga anies anutin bambang basuki benigno bongbong budi
    chatchart cuong dedi duc eko erick ferdinand ganjar gibran habibie hendra heru hieu
    hishammuddin huy jejomar joko jokowi khairy khoa luhut mahathir mahfud manny mohd muhyiddin
    najib ninoy noynoy panfilo phong prabowo prawit prayut prayuth rafizi ridwan sandiaga slamet
    somchai somkid somsak srettha suharto sukarno surachai susilo thaksin thanathorn tuan
    wiranto yusril zahid
    # Japanese, Korean
    akihito akio akira daiki daisuke do-yoon dong-hyun fumihito fumio genki goro haruki haruto
    hayao hayato hideaki hideki hideo hidetoshi hirofumi hirokazu hiroki hiroshi hiroyuki
    hisahito hyun-woo ichiro jae-hyun jae-won ji-hoon jihoon jin-woo jiro jun-ho junichiro kaito
    katsunobu katsuya kazuhiro kazuki kazunori kazuo kazuya keisuke keita ken kenichi kenji
    kenjiro kenta kentaro kento kenzo kiyoshi kohei koichi koji kosuke masahiro masaki masaru
    masashi masato masayoshi min-ho min-jun minjun minoru mitsuo naoki naoto naruhito noboru
    nobuo nobuyuki osamu riku ryosuke ryota ryuji saburo sang-woo satoshi seiji seo-jun
    seung-woo shigeru shinji shinjiro shintaro shinya shohei shota shuji shunichi shunsuke
    sosuke sota sung-hoon tadao tadashi tae-hyun taichi takahiro takashi takehiro takeshi takuma
    takumi takuya taro tatsuo tatsuya tetsuya tomoaki tomohiro tomoyuki toru toshiaki toshimitsu
    toshiro tsuyoshi yasuhiro yasuo yasushi yoichi yoshihide yoshihiko yoshihiro yoshiki
    yoshimasa yoshinori yoshio yoshiro young-ho yuichi yuichiro yuji yukio yusuke yuto yuya
    yuzuru
    # African
    abdirahman abdiweli abdoulaye abiy abubakar adebayo ademola adewale alassane aliou aliyu
    amadou aminu atiku babacar babajide babatunde bakari bakary baraka bashir bayo bheki bobi
    bolaji bongani boubacar cheikh chinedu chinua chukwuemeka chukwuma danladi dapo dawit debo
    deji dele demba dumisani eliud emeka emmerson enoch gbenga getachew girma godfrey godwin
    goodluck gwede haile hakainde hamisi ibrahima idrissa ikenna isaias jabari jabulani jakaya
    jide jimi jomo juma kabiru kashim kassim kayode kenenisa kizza kobina kodjo kofi kojo kolo
    kunle kwabena kwadwo kwaku kwame kwasi kweku kwesi lamine lanre lazarus lekan macky mamadou
    mandla mcebisi meles mmusi modibo muhammadu mulatu mwai mxolisi mzwandile nasir nelson niyi
    nnamdi nuhu obinna obiora okechukwu olumide olusegun oluwole oumar ousmane pravin raila
    rotimi sadio sanusi segun seydou shabani shehu sibusiso sifiso sipho siyabonga sizwe
    souleymane tedros tewodros thabo thulani tunde tundu tunji uhuru umaru vusi wale wole xolani
    yacouba yakubu yaw yohannes yoweri
    """
)
