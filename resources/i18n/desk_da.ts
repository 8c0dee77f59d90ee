<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="da_DK">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/action_dialog.py" line="63" />
        <source>&amp;Reason</source>
        <translation>&amp;Årsag</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="71" />
        <source>Blocked &amp;via</source>
        <translation>Spærret &amp;via</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="76" />
        <location filename="../../ui/action_dialog.py" line="86" />
        <source>&amp;User</source>
        <translation>&amp;Bruger</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="84" />
        <source>Phone or tablet &amp;model</source>
        <translation>Telefon- eller tabletm&amp;odel</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="85" />
        <source>&amp;Device name</source>
        <translation>&amp;Enhedsnavn</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="99" />
        <source>I have told the citizen what will happen</source>
        <translation>Jeg har fortalt borgeren, hvad der sker</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <location filename="../../ui/booking_dialog.py" line="66" />
        <source>Book an appointment</source>
        <translation>Bestil tid</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="66" />
        <source>Move the booking</source>
        <translation>Flyt tidsbestillingen</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="82" />
        <source>&amp;Book</source>
        <translation>&amp;Bestil</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="82" />
        <source>&amp;Move</source>
        <translation>&amp;Flyt</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="88" />
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="89" />
        <source>&amp;Service</source>
        <translation>&amp;Ydelse</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="121" />
        <source>Choose a time first.</source>
        <translation>Vælg først en tid.</translation>
    </message>
    <message>
        <source>Bold green: days with free times. Grey and struck through: closed.</source>
        <translation>Fed grøn: dage med ledige tider. Grå og overstreget: lukket.</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Dag</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>&amp;Tid</translation>
    </message>
    <message>
        <source>&amp;Counter</source>
        <translation>&amp;Skranke</translation>
    </message>
    <message>
        <source>The centre is closed on %1. Choose another day.</source>
        <translation>Borgerservice har lukket %1. Vælg en anden dag.</translation>
    </message>
    <message>
        <source>Free times on %1</source>
        <translation>Ledige tider %1</translation>
    </message>
    <message>
        <source>No free times on %1</source>
        <translation>Ingen ledige tider %1</translation>
    </message>
    <message>
        <source>Booking code %1. Confirmation %2 and calendar file %3 saved in the folder %4</source>
        <translation>Bookingkode %1. Bekræftelsen %2 og kalenderfilen %3 er gemt i mappen %4</translation>
    </message>
    <message>
        <source>Booking confirmation %1</source>
        <translation>Bekræftelse af tidsbestilling %1</translation>
    </message>
    <message>
        <source>Confirmation &amp;in</source>
        <translation>Bekræftelse &amp;på</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../ui/camera_dialog.py" line="79" />
        <source>Photograph the document</source>
        <translation>Fotografér dokumentet</translation>
    </message>
    <message>
        <location filename="../../ui/camera_dialog.py" line="98" />
        <source>Hold the page with the machine readable zone flat and sharp in the picture, then capture.</source>
        <translation>Hold siden med den maskinlæsbare zone fladt og skarpt i billedet, og tag så billedet.</translation>
    </message>
    <message>
        <location filename="../../ui/camera_dialog.py" line="101" />
        <source>&amp;Capture (Enter)</source>
        <translation>&amp;Tag billede (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/camera_dialog.py" line="145" />
        <source>Capturing…</source>
        <translation>Tager billede…</translation>
    </message>
    <message>
        <location filename="../../ui/camera_dialog.py" line="150" />
        <source>The camera gave an empty picture. Try again.</source>
        <translation>Kameraet gav et tomt billede. Prøv igen.</translation>
    </message>
    <message>
        <location filename="../../ui/camera_dialog.py" line="162" />
        <source>The camera could not take the picture: %1</source>
        <translation>Kameraet kunne ikke tage billedet: %1</translation>
    </message>
    <message>
        <location filename="../../ui/camera_dialog.py" line="166" />
        <source>The camera is not working: %1</source>
        <translation>Kameraet virker ikke: %1</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/password_dialog.py" line="29" />
        <location filename="../../ui/password_dialog.py" line="40" />
        <source>Change password</source>
        <translation>Skift adgangskode</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="45" />
        <source>&amp;Current password</source>
        <translation>&amp;Nuværende adgangskode</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="46" />
        <source>&amp;New password</source>
        <translation>N&amp;y adgangskode</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="47" />
        <source>&amp;Repeat the new password</source>
        <translation>&amp;Gentag den nye adgangskode</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="50" />
        <source>Choose your own password before you start.</source>
        <translation>Vælg din egen adgangskode, før du går i gang.</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="54" />
        <source>At least {count} characters, not your user name and not easy to guess.</source>
        <translation>Mindst {count} tegn, ikke dit brugernavn og ikke let at gætte.</translation>
    </message>
</context>
<context>
    <name>IdentityCheckBox</name>
    <message>
        <source>This card&apos;s MRZ holds no expiry: type the date printed on the card, then check (Ctrl+Enter)</source>
        <translation>Kortets MRZ har ingen udløbsdato: skriv datoen, som den står på kortet, og kontrollér (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Compare the marked characters with the document, confirm them, then check (Ctrl+Enter)</source>
        <translation>Sammenlign de markerede tegn med dokumentet, bekræft dem, og kontrollér (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>The reading stopped at its time limit</source>
        <translation>Aflæsningen stoppede ved tidsgrænsen</translation>
    </message>
    <message>
        <source>The reader is unsure of the print of this zone</source>
        <translation>Læseren er usikker på skriften i MRZ-feltet</translation>
    </message>
    <message>
        <source>{why}: compare all the lines with the document, confirm the marked characters, then check (Ctrl+Enter)</source>
        <translation>{why}: sammenlign alle linjerne med dokumentet, bekræft de markerede tegn, og kontrollér (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>{why}: compare the lines with the document, correct them if needed, then check (Ctrl+Enter)</source>
        <translation>{why}: sammenlign linjerne med dokumentet, ret dem om nødvendigt, og kontrollér (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="146" />
        <source>Show details</source>
        <translation>Vis detaljer</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="602" />
        <source>Hide details</source>
        <translation>Skjul detaljer</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="103" />
        <source>Identity check</source>
        <translation>Identitetskontrol</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="117" />
        <source>Load image or &amp;PDF… (Ctrl+O)</source>
        <translation>Indlæs billede eller &amp;PDF… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="119" />
        <source>Or drop a scan or photo (JPEG, PNG, TIFF, BMP, PDF) onto this tab</source>
        <translation>Eller træk en scanning eller et foto (JPEG, PNG, TIFF, BMP, PDF) ind på denne fane</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="120" />
        <source>Camera… (Ctrl+K)</source>
        <translation>Kamera… (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="122" />
        <source>&amp;Driving licence… (Ctrl+D)</source>
        <translation>Kø&amp;rekort… (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="124" />
        <source>Chec&amp;k (Ctrl+Enter)</source>
        <translation>Kon&amp;trollér (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="128" />
        <source>Machine readable zone: read from an image, a camera or the counter reader, or type the lines</source>
        <translation>Maskinlæsbar zone: læst fra et billede, et kamera eller skrankens læser, eller skriv linjerne</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="135" />
        <source>Cancel (Esc)</source>
        <translation>Annullér (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="142" />
        <source>Field</source>
        <translation>Felt</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="142" />
        <source>Read</source>
        <translation>Læst</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="244" />
        <source>Load a scanned document</source>
        <translation>Indlæs et scannet dokument</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="250" />
        <source>Scans and photos (%1)</source>
        <translation>Scanninger og fotos (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="250" />
        <source>All files (*)</source>
        <translation>Alle filer (*)</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="271" />
        <source>Reading %1…</source>
        <translation>Læser %1…</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="271" />
        <source>the photo</source>
        <translation>fotoet</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="298" />
        <source>Reading stopped. Load the image again, or type the lines.</source>
        <translation>Læsningen er stoppet. Indlæs billedet igen, eller skriv linjerne.</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="338" />
        <source>Check a citizen in first, then drop the document's scan here.</source>
        <translation>Tjek først en borger ind, og træk så dokumentets scanning herind.</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="341" />
        <source>An image is being read. Cancel it (Esc) first.</source>
        <translation>Et billede bliver læst. Annullér det først (Esc).</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="344" />
        <source>Drop one file at a time.</source>
        <translation>Træk én fil ad gangen.</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="350" />
        <source>Only a scan or photo on this computer can be read: JPEG, PNG, TIFF, BMP or PDF.</source>
        <translation>Kun en scanning eller et foto på denne computer kan læses: JPEG, PNG, TIFF, BMP eller PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="354" />
        <source>The file %1 is not there any more.</source>
        <translation>Filen %1 findes ikke længere.</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="383" />
        <source>The counter reader sent lines that are not a whole machine readable zone. Read the document again, or correct the lines and check (Ctrl+Enter).</source>
        <translation>Skrankens læser sendte linjer, der ikke er en hel maskinlæsbar zone. Læs dokumentet igen, eller ret linjerne og kontrollér (Ctrl+Enter).</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="411" />
        <source>Saving the check…</source>
        <translation>Gemmer kontrollen…</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="488" />
        <source>✔ Identity check passed</source>
        <translation>✔ Identitetskontrol godkendt</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="506" />
        <location filename="../../ui/identity_check_box.py" line="517" />
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="507" />
        <location filename="../../ui/identity_check_box.py" line="518" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="508" />
        <location filename="../../ui/identity_check_box.py" line="519" />
        <source>Issuing country</source>
        <translation>Udstedende land</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="509" />
        <source>Licence number</source>
        <translation>Kørekortnummer</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="510" />
        <location filename="../../ui/identity_check_box.py" line="521" />
        <source>Surname</source>
        <translation>Efternavn</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="511" />
        <location filename="../../ui/identity_check_box.py" line="522" />
        <source>Given names</source>
        <translation>Fornavne</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="512" />
        <location filename="../../ui/identity_check_box.py" line="524" />
        <source>Birth date</source>
        <translation>Fødselsdato</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="513" />
        <location filename="../../ui/identity_check_box.py" line="526" />
        <source>Expiry date</source>
        <translation>Udløbsdato</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="520" />
        <source>Document number</source>
        <translation>Dokumentnummer</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="523" />
        <source>Nationality</source>
        <translation>Nationalitet</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="525" />
        <source>Sex</source>
        <translation>Køn</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="531" />
        <source>Checked from</source>
        <translation>Kontrolleret ud fra</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="140" />
        <source>Expiry date printed on the card (DD.MM.YYYY):</source>
        <translation>Udløbsdato trykt på kortet (DD.MM.ÅÅÅÅ):</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="144" />
        <source>DD.MM.YYYY</source>
        <translation>DD.MM.ÅÅÅÅ</translation>
    </message>
    <message>
        <location filename="../../ui/identity_check_box.py" line="610" />
        <source>not in the MRZ: type the printed date</source>
        <translation>ikke i MRZ: skriv den trykte dato</translation>
    </message>
</context>
<context>
    <name>LicenceDialog</name>
    <message>
        <location filename="../../ui/licence_dialog.py" line="118" />
        <source>Check a driving licence</source>
        <translation>Kontrollér et kørekort</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="140" />
        <source>DD.MM.YYYY</source>
        <translation>DD.MM.ÅÅÅÅ</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="146" />
        <source>D1… (30 characters, EU licences with a chip only)</source>
        <translation>D1… (30 tegn, kun EU-kørekort med chip)</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="156" />
        <source>Licence &amp;from</source>
        <translation>Kørekort &amp;fra</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="157" />
        <source>Licence &amp;number (5)</source>
        <translation>Kørekort&amp;nummer (5)</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="158" />
        <source>&amp;Surname (1)</source>
        <translation>&amp;Efternavn (1)</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="159" />
        <source>&amp;Given names (2)</source>
        <translation>F&amp;ornavne (2)</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="160" />
        <source>&amp;Birth date (3)</source>
        <translation>Fø&amp;dselsdato (3)</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="161" />
        <source>&amp;Expiry date (4b)</source>
        <translation>&amp;Udløbsdato (4b)</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="162" />
        <source>&amp;MRZ line (EU licence)</source>
        <translation>&amp;MRZ-linje (EU-kørekort)</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="183" />
        <source>&amp;Check (Enter)</source>
        <translation>&amp;Kontrollér (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="209" />
        <source>The reader sent no licence line. Read the card again, or type the line.</source>
        <translation>Læseren sendte ingen kørekortlinje. Læs kortet igen, eller skriv linjen.</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="244" />
        <source>The country in the licence line is in doubt: choose the country printed on the card, then type the fields as printed.</source>
        <translation>Landet i kørekortets MRZ-linje er usikkert: vælg landet, som det står på kortet, og skriv så felterne, som de står.</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="310" />
        <source>Choose the country printed on the licence.</source>
        <translation>Vælg landet, som det står på kørekortet.</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="215" />
        <source>A Danish licence has no machine readable zone: type the fields as printed on the card.</source>
        <translation>Et dansk kørekort har ingen maskinlæsbar zone: skriv felterne, som de står på kortet.</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="218" />
        <source>Type the fields printed on the card, and the licence's MRZ line if it has one (read it with the counter reader into this field, or type it).</source>
        <translation>Skriv felterne, som de står på kortet, og kørekortets MRZ-linje, hvis det har en (læs den ind i feltet med skrankens læser, eller skriv den).</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="259" />
        <source>Saving the check…</source>
        <translation>Gemmer kontrollen…</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="278" />
        <source>Type this field as printed on the licence.</source>
        <translation>Skriv feltet, som det står på kørekortet.</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="284" />
        <source>Not a date: type it as DD.MM.YYYY, e.g. 24.12.1990.</source>
        <translation>Ikke en dato: skriv den som DD.MM.ÅÅÅÅ, fx 24.12.1990.</translation>
    </message>
</context>
<context>
    <name>LiveChecksRow</name>
    <message>
        <source>Check digits:</source>
        <translation>Kontrolcifre:</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="142" />
        <source>Type or read the lines: 2 × 44 (passport), 3 × 30 or 2 × 36 (ID card), 1 × 30 (EU licence)</source>
        <translation>Skriv eller læs linjerne: 2 × 44 (pas), 3 × 30 eller 2 × 36 (id-kort), 1 × 30 (EU-kørekort)</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="168" />
        <source>Check digit of %1: %2</source>
        <translation>Kontrolciffer for %1: %2</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="25" />
        <source>Borgerservice Desk: sign in</source>
        <translation>Borgerservice Desk: log ind</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="35" />
        <source>Sign in</source>
        <translation>Log ind</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="39" />
        <source>&amp;User name</source>
        <translation>&amp;Brugernavn</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="40" />
        <source>&amp;Password</source>
        <translation>&amp;Adgangskode</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="43" />
        <source>Demo data: sign in as clerk or supervisor, password demo.</source>
        <translation>Demodata: log ind som clerk eller supervisor med adgangskoden demo.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="67" />
        <source>Choose a new password to sign in.</source>
        <translation>Vælg en ny adgangskode for at logge ind.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Kontrollerer …</translation>
    </message>
</context>
<context>
    <name>LookupPanel</name>
    <message>
        <location filename="../../ui/lookup_panel.py" line="1" />
        <source>Click a booking code (or Tab to it and Enter) to open it in Today</source>
        <translation>Klik på en bookingkode (eller Tab til den og Enter) for at åbne aftalen under I dag</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="1" />
        <source>The booked times could not be read.</source>
        <translation>De bestilte tider kunne ikke hentes.</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="1" />
        <source>No appointments booked here.</source>
        <translation>Ingen bestilte tider her.</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="1" />
        <source>%1 at %2: %3 (booking code %4)</source>
        <translation>%1 kl. %2: %3 (bookingkode %4)</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="1" />
        <source>and %1 more</source>
        <translation>og %1 flere</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="1" />
        <source>Appointments here: %1</source>
        <translation>Bestilte tider her: %1</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="60" />
        <source>CPR number</source>
        <translation>CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="60" />
        <location filename="../../ui/lookup_panel.py" line="135" />
        <source>MitID user ID</source>
        <translation>MitID bruger-id</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="60" />
        <source>Name and birth date</source>
        <translation>Navn og fødselsdato</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="61" />
        <source>The checked document</source>
        <translation>Det tjekkede dokument</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="74" />
        <location filename="../../ui/lookup_panel.py" line="145" />
        <location filename="../../ui/lookup_panel.py" line="200" />
        <location filename="../../ui/lookup_panel.py" line="217" />
        <source>Counter visit</source>
        <translation>Henvendelse i Borgerservice</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="74" />
        <source>MitID block</source>
        <translation>Spærring af MitID</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="74" />
        <source>Telephone enquiry</source>
        <translation>Telefonisk henvendelse</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="76" />
        <source>&amp;Search (Enter)</source>
        <translation>&amp;Søg (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="90" />
        <source>Show full CPR number (logged)</source>
        <translation>Vis fuldt CPR-nummer (logges)</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="93" />
        <source>Book &amp;appointment… (Ctrl+T)</source>
        <translation>Bestil &amp;tid… (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="101" />
        <source>Search by</source>
        <translation>Søg efter</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="102" />
        <source>&amp;Find</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="103" />
        <source>Birth date</source>
        <translation>Fødselsdato</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="104" />
        <source>Purpose</source>
        <translation>Formål</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="134" />
        <source>DDMMYY-SSSS</source>
        <translation>DDMMÅÅ-LLLL</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="136" />
        <source>Name, e.g. Søren Jensen</source>
        <translation>Navn, fx Søren Jensen</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="160" />
        <source>Check a document first, under Serving.</source>
        <translation>Tjek først et dokument under Betjening.</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_panel.py" line="176" />
        <source>No citizen found.</source>
        <translation>Ingen borger fundet.</translation>
    </message>
    <message>
        <source>Type the birth date as DD-MM-YYYY, e.g. 15031980</source>
        <translation>Skriv fødselsdatoen som DD-MM-ÅÅÅÅ, fx 15031980</translation>
    </message>
    <message>
        <source>That is a CPR number: looked up by CPR number.</source>
        <translation>Det er et CPR-nummer: der er søgt på CPR-nummer.</translation>
    </message>
    <message>
        <source>Type the birth date as DD-MM-YYYY.</source>
        <translation>Skriv fødselsdatoen som DD-MM-ÅÅÅÅ.</translation>
    </message>
    <message>
        <source>no CPR number</source>
        <translation>intet CPR-nummer</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Give back</source>
        <translation>&amp;Giv tilbage</translation>
    </message>
    <message>
        <source>&amp;Lock the desk</source>
        <translation>&amp;Lås skranken</translation>
    </message>
    <message>
        <source>Supervisor &amp;takes over…</source>
        <translation>Supervisor &amp;overtager …</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Log &amp;ud</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afslut</translation>
    </message>
    <message>
        <source>Supervisor {supervisor} has taken over from {clerk}</source>
        <translation>Supervisor {supervisor} har overtaget fra {clerk}</translation>
    </message>
    <message>
        <source>Give the desk back to the clerk first.</source>
        <translation>Giv først skranken tilbage til medarbejderen.</translation>
    </message>
    <message>
        <source>The visit of {citizen} is still open. Finish the visit and sign out?</source>
        <translation>Besøget for {citizen} er stadig åbent. Afslut besøget og log ud?</translation>
    </message>
    <message>
        <source>Finish visit and sign out</source>
        <translation>Afslut besøget og log ud</translation>
    </message>
    <message>
        <source>Wait until the identity check is saved, then give back.</source>
        <translation>Vent til identitetskontrollen er gemt, og giv så tilbage.</translation>
    </message>
    <message>
        <source>The supervisor's action is still being saved. Give back once it is done.</source>
        <translation>Supervisorens handling gemmes stadig. Giv tilbage, når den er gemt.</translation>
    </message>
    <message>
        <source>The visit of {citizen} is still open. Quit anyway? The visit stays open until it is finished.</source>
        <translation>Besøget for {citizen} er stadig åbent. Afslut programmet alligevel? Besøget forbliver åbent, til det afsluttes.</translation>
    </message>
    <message>
        <source>Work is still being saved. Quit once it is done?</source>
        <translation>Der gemmes stadig. Afslut programmet, når det er gjort?</translation>
    </message>
    <message>
        <source>A visit is still open at this desk. Close the desk anyway? The visit stays open until it is finished.</source>
        <translation>Et besøg er stadig åbent ved denne skranke. Luk skranken alligevel? Besøget forbliver åbent, til det afsluttes.</translation>
    </message>
    <message>
        <source>Work is still being saved. Close the desk once it is done?</source>
        <translation>Der gemmes stadig. Luk skranken, når det er gjort?</translation>
    </message>
    <message>
        <source>Close the desk</source>
        <translation>Luk skranken</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Afslut</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="31" />
        <source>Borgerservice Desk</source>
        <translation>Borgerservice Desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="43" />
        <source>&amp;Today (Ctrl+1)</source>
        <translation>&amp;I dag (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="44" />
        <source>&amp;Serving (Ctrl+2)</source>
        <translation>&amp;Betjening (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="45" />
        <source>&amp;Find citizen (Ctrl+3)</source>
        <translation>&amp;Find borger (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="46" />
        <source>&amp;Queue (Ctrl+4)</source>
        <translation>&amp;Kø (Ctrl+4)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="47" />
        <source>Stat&amp;istics (Ctrl+5)</source>
        <translation>&amp;Statistik (Ctrl+5)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="54" />
        <source>&amp;Centre</source>
        <translation>&amp;Borgerservice</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="55" />
        <source>&amp;Settings… (Ctrl+,)</source>
        <translation>&amp;Indstillinger… (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="62" />
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="62" />
        <source>clerk</source>
        <translation>sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="95" />
        <source>Check a citizen in first, then drop the document's scan here.</source>
        <translation>Tjek først en borger ind, og træk så dokumentets scanning herind.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="100" />
        <source>Only a supervisor can change the centre's settings.</source>
        <translation>Kun en supervisor kan ændre indstillingerne.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="59" />
        <source>&amp;Clerks…</source>
        <translation>&amp;Brugere…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="61" />
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="62" />
        <source>Change &amp;password…</source>
        <translation>Skift &amp;adgangskode…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="122" />
        <source>Your password is changed.</source>
        <translation>Din adgangskode er skiftet.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="60" />
        <source>&amp;Verify audit trail…</source>
        <translation>&amp;Kontrollér revisionsspor…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115" />
        <source>Verifying the audit trail…</source>
        <translation>Kontrollerer revisionssporet…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132" />
        <source>Audit trail</source>
        <translation>Revisionsspor</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>Show the &amp;queue display…</source>
        <translation>Vis &amp;kø-skærm…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>Queue display &amp;on</source>
        <translation>Kø-skærm &amp;på</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>Close the queue display</source>
        <translation>Luk kø-skærmen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>%1 (this window)</source>
        <translation>%1 (dette vindue)</translation>
    </message>
</context>
<context>
    <name>MitidActions</name>
    <message>
        <source>Identification method</source>
        <translation>Identifikationsmiddel</translation>
    </message>
    <message>
        <source>The citizen&apos;s MitID is still being read. Try again in a moment.</source>
        <translation>Borgerens MitID hentes stadig. Prøv igen om et øjeblik.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="73" />
        <source>&amp;Block app… (Ctrl+B)</source>
        <translation>&amp;Spær app… (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="74" />
        <source>Block all apps… (Ctrl+Shift+B)</source>
        <translation>Spær alle apps… (Ctrl+Shift+B)</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="75" />
        <source>Block whole &amp;MitID… (Ctrl+M)</source>
        <translation>Spær hele &amp;MitID… (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="76" />
        <source>&amp;Reopen… (Ctrl+R)</source>
        <translation>&amp;Genåbn… (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="77" />
        <source>Remove &amp;user… (Ctrl+U)</source>
        <translation>Fjern &amp;bruger… (Ctrl+U)</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="78" />
        <source>&amp;New app… (Ctrl+N)</source>
        <translation>&amp;Ny app… (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="79" />
        <source>&amp;Lift MitID block… (Ctrl+L)</source>
        <translation>&amp;Ophæv MitID-spærring… (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="90" />
        <source>Only a supervisor can lift a whole-MitID block</source>
        <translation>Kun en supervisor kan ophæve en spærring af hele MitID</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="92" />
        <source>Receipt in</source>
        <translation>Kvittering på</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="106" />
        <source>The citizen has no MitID.</source>
        <translation>Borgeren har intet MitID.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="114" />
        <source>Choose the app in the list of methods first.</source>
        <translation>Vælg først appen i listen over identifikationsmidler.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="116" />
        <source>Choose the method in the list first.</source>
        <translation>Vælg først identifikationsmidlet i listen.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="136" />
        <source>Working, and writing the receipt…</source>
        <translation>Arbejder og skriver kvitteringen…</translation>
    </message>
    <message>
        <source>%1 is blocked for wrong tries already.</source>
        <translation>%1 er allerede spærret efter for mange forkerte forsøg.</translation>
    </message>
    <message>
        <source>The app stays blocked.</source>
        <translation>Appen er fortsat spærret.</translation>
    </message>
    <message>
        <source>The last action is still being saved. Try again in a moment.</source>
        <translation>Den sidste handling gemmes stadig. Prøv igen om et øjeblik.</translation>
    </message>
    <message>
        <source>This action has no receipt: it was recorded before the desk made them.</source>
        <translation>Denne handling har ingen kvittering: den blev registreret, før skranken lavede kvitteringer.</translation>
    </message>
    <message>
        <source>%1 for the previous citizen. Receipt %2 is archived.</source>
        <translation>%1 for den forrige borger. Kvittering %2 er arkiveret.</translation>
    </message>
    <message>
        <source>%1 for the previous citizen. Receipt %2 could not be put in the archive: print it now. The desk files it when it starts next time.</source>
        <translation>%1 for den forrige borger. Kvittering %2 kunne ikke lægges i arkivet: udskriv den nu. Skranken arkiverer den, næste gang den starter.</translation>
    </message>
    <message>
        <source>%1. Receipt %2 could not be put in the archive: print it now. The desk files it when it starts next time.</source>
        <translation>%1. Kvittering %2 kunne ikke lægges i arkivet: udskriv den nu. Skranken arkiverer den, næste gang den starter.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="143" />
        <source>%1. Receipt %2 is archived.</source>
        <translation>%1. Kvittering %2 er arkiveret.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="171" />
        <source>Blocked from MitID.dk without login: EVERY active app stops working, not only %1.</source>
        <translation>Spærret fra MitID.dk uden login: ALLE aktive apps holder op med at virke, ikke kun %1.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="173" />
        <source>%1 stops working at once. The citizen's other methods keep working.</source>
        <translation>%1 holder op med at virke med det samme. Borgerens andre identifikationsmidler virker fortsat.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="177" />
        <source>The block is permanent: the app can never be reopened; the citizen activates a new app.</source>
        <translation>Spærringen er permanent: appen kan aldrig genåbnes; borgeren aktiverer en ny app.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="179" />
        <source>The block is temporary: it can be reopened at Borgerservice or by MitID Support.</source>
        <translation>Spærringen er midlertidig: den kan genåbnes i Borgerservice eller af MitID Support.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="184" />
        <source>Block MitID app</source>
        <translation>Spær MitID app</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="185" />
        <source>Block app</source>
        <translation>Spær app</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="187" />
        <location filename="../../ui/mitid_actions.py" line="216" />
        <location filename="../../ui/mitid_actions.py" line="243" />
        <location filename="../../ui/mitid_actions.py" line="269" />
        <location filename="../../ui/mitid_actions.py" line="293" />
        <location filename="../../ui/mitid_actions.py" line="317" />
        <location filename="../../ui/mitid_actions.py" line="339" />
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="187" />
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="188" />
        <source>Other active apps</source>
        <translation>Andre aktive apps</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="206" />
        <location filename="../../ui/mitid_actions.py" line="232" />
        <source>none</source>
        <translation>ingen</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="210" />
        <source>All %1 active apps stop working: %2. Code display, audio code reader and chip keep working.</source>
        <translation>Alle %1 aktive apps holder op med at virke: %2. Kodeviser, kodeoplæser og chip virker fortsat.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="215" />
        <source>Block all MitID apps</source>
        <translation>Spær alle MitID apps</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="215" />
        <source>Block all apps</source>
        <translation>Spær alle apps</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="236" />
        <source>The WHOLE MitID is blocked for suspected misuse. Every method stops working, for the citizen too: %1. Only a supervisor can lift the block, after a new identity check.</source>
        <translation>HELE MitID spærres ved mistanke om misbrug. Alle identifikationsmidler holder op med at virke, også for borgeren selv: %1. Kun en supervisor kan ophæve spærringen, efter en ny identitetskontrol.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="242" />
        <source>Block the whole MitID</source>
        <translation>Spær hele MitID</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="242" />
        <source>Block MitID</source>
        <translation>Spær MitID</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="243" />
        <source>Reason</source>
        <translation>Årsag</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="244" />
        <source>Use this when someone else may have used the citizen's MitID.</source>
        <translation>Brug dette, når en anden kan have brugt borgerens MitID.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="265" />
        <source>%1 can be used again at once.</source>
        <translation>%1 kan bruges igen med det samme.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="268" />
        <source>Reopen a blocked method</source>
        <translation>Genåbn et spærret identifikationsmiddel</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="268" />
        <source>Reopen</source>
        <translation>Genåbn</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="282" />
        <source>The app has no users to remove.</source>
        <translation>Appen har ingen brugere at fjerne.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="286" />
        <source>%1 is removed from %2.</source>
        <translation>%1 fjernes fra %2.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="288" />
        <source>It is the app's last user: the app becomes inactive.</source>
        <translation>Det er appens sidste bruger: appen bliver inaktiv.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="292" />
        <source>Remove a user from an app</source>
        <translation>Fjern en bruger fra en app</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="292" />
        <source>Remove user</source>
        <translation>Fjern bruger</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="312" />
        <source>A new MitID app is activated: %1 of %2 apps will be active.</source>
        <translation>En ny MitID app aktiveres: %1 af %2 apps bliver aktive.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="316" />
        <source>Activate a new MitID app</source>
        <translation>Aktivér en ny MitID app</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="316" />
        <source>Activate</source>
        <translation>Aktivér</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="335" />
        <source>The block is lifted: every method that worked before the block works again.</source>
        <translation>Spærringen ophæves: alle identifikationsmidler, der virkede før spærringen, virker igen.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="338" />
        <source>Lift the MitID block</source>
        <translation>Ophæv spærringen af MitID</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="338" />
        <source>Lift block</source>
        <translation>Ophæv spærring</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="340" />
        <source>Only after a new identity check of the citizen in this visit.</source>
        <translation>Kun efter en ny identitetskontrol af borgeren ved dette besøg.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="354" />
        <source>Tell the citizen: uninstalling the app is not enough, it counts as active until it is blocked.</source>
        <translation>Fortæl borgeren: Det er ikke nok at afinstallere appen; den tæller som aktiv, indtil den er spærret.</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_actions.py" line="357" />
        <source>If someone else may have used the MitID, block the whole MitID instead (Ctrl+M).</source>
        <translation>Hvis en anden kan have brugt MitID, så spær hele MitID i stedet (Ctrl+M).</translation>
    </message>
    <message>
        <source>%1 stops working at once.</source>
        <translation>%1 holder op med at virke med det samme.</translation>
    </message>
    <message>
        <source>All %1 active apps stop working: %2.</source>
        <translation>Alle %1 aktive apps holder op med at virke: %2.</translation>
    </message>
    <message>
        <source>The WHOLE MitID is blocked for suspected misuse: every method stops working, for the citizen too, and no new one can be activated. Only a supervisor can lift the block, after a new identity check.</source>
        <translation>HELE MitID spærres ved mistanke om misbrug: alle identifikationsmidler holder op med at virke, også for borgeren selv, og der kan ikke aktiveres nye. Kun en supervisor kan ophæve spærringen, efter en ny kontrol af identiteten.</translation>
    </message>
    <message>
        <source>None of the citizen's methods works even now.</source>
        <translation>Ingen af borgerens identifikationsmidler virker heller ikke nu.</translation>
    </message>
    <message>
        <source>The whole-MitID block is lifted.</source>
        <translation>Spærringen af hele MitID ophæves.</translation>
    </message>
    <message>
        <source>The app keeps working for its other users.</source>
        <translation>Appen virker fortsat for de andre brugere.</translation>
    </message>
</context>
<context>
    <name>MitidView</name>
    <message>
        <location filename="../../ui/mitid_view.py" line="45" />
        <source>History of actions on this MitID (Enter: show its receipt again)</source>
        <translation>Historik over handlinger på dette MitID (Enter: vis kvitteringen igen)</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_view.py" line="52" />
        <source>No MitID</source>
        <translation>Intet MitID</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_view.py" line="58" />
        <source>MitID: BLOCKED (every method stopped)</source>
        <translation>MitID: SPÆRRET (alle identifikationsmidler stoppet)</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_view.py" line="61" />
        <source>MitID: active</source>
        <translation>MitID: aktivt</translation>
    </message>
    <message>
        <location filename="../../ui/mitid_view.py" line="64" />
        <source>%1 of %2 apps active</source>
        <translation>%1 af %2 apps aktive</translation>
    </message>
</context>
<context>
    <name>QueueDisplay</name>
    <message>
        <location filename="../../ui/queue_display.py" line="1" />
        <source>Queue display</source>
        <translation>Kø-skærm</translation>
    </message>
    <message>
        <location filename="../../ui/queue_display.py" line="1" />
        <source>Now serving</source>
        <translation>Nu betjenes</translation>
    </message>
    <message>
        <location filename="../../ui/queue_display.py" line="1" />
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location filename="../../ui/queue_display.py" line="1" />
        <source>Go to</source>
        <translation>Gå til</translation>
    </message>
    <message>
        <location filename="../../ui/queue_display.py" line="1" />
        <source>No calls yet</source>
        <translation>Ingen kald endnu</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Type the birth date as DD-MM-YYYY, e.g. 15031980</source>
        <translation>Skriv fødselsdatoen som DD-MM-ÅÅÅÅ, fx 15031980</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Henter…</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="43" />
        <source>Booking code or CPR number, then Enter</source>
        <translation>Bookingkode eller CPR-nummer, derefter Enter</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="46" />
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="50" />
        <source>Check in by name</source>
        <translation>Tjek ind med navn</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="56" />
        <source>New &amp;walk-in ticket</source>
        <translation>Nyt &amp;kønummer uden tid</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="62" />
        <source>&amp;Call next (F6)</source>
        <translation>&amp;Kald næste (F6)</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="64" />
        <source>&amp;No-show</source>
        <translation>&amp;Udeblevet</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="72" />
        <source>Arrivals</source>
        <translation>Ankomst</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="74" />
        <source>&amp;Arrived</source>
        <translation>&amp;Ankommet</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="79" />
        <source>Without code or CPR</source>
        <translation>Uden kode eller CPR</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="83" />
        <source>Walk-in</source>
        <translation>Uden tid</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="84" />
        <source>My counter</source>
        <translation>Min skranke</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="93" />
        <source>Now serving</source>
        <translation>Betjenes nu</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="156" />
        <source>Too late for the appointment: ticket %1 in the walk-in queue.</source>
        <translation>For sent til tiden: nummer %1 i køen uden tid.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="159" />
        <source>Checked in: ticket %1.</source>
        <translation>Tjekket ind: nummer %1.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="169" />
        <source>Walk-in ticket %1.</source>
        <translation>Kønummer %1.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="181" />
        <source>Nobody is waiting for this counter.</source>
        <translation>Ingen venter på denne skranke.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="183" />
        <source>Ticket %1 to %2</source>
        <translation>Nummer %1 til %2</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="197" />
        <source>Ticket %1 did not come: marked as a no-show.</source>
        <translation>Nummer %1 kom ikke: registreret som udeblevet.</translation>
    </message>
    <message>
        <source>&amp;Find the called citizen…</source>
        <translation>&amp;Find den kaldte borger…</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="1" />
        <source>Show the &amp;queue display…</source>
        <translation>Vis &amp;kø-skærm…</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="1" />
        <source>Ticket numbers and counters, full screen on a second screen</source>
        <translation>Kønumre og skranker i fuld skærm på en anden skærm</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="1" />
        <source>Service</source>
        <translation>Ydelse</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="1" />
        <source>Waiting</source>
        <translation>Venter</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="1" />
        <source>Waiting per service</source>
        <translation>Ventende pr. ydelse</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="1" />
        <source>%1 waiting in all</source>
        <translation>%1 venter i alt</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../ui/receipt_dialog.py" line="19" />
        <source>Receipt %1</source>
        <translation>Kvittering %1</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_dialog.py" line="28" />
        <source>&amp;Print…</source>
        <translation>&amp;Udskriv…</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_dialog.py" line="33" />
        <source>Archived as %1</source>
        <translation>Arkiveret som %1</translation>
    </message>
    <message>
        <source>Not in the archive yet (the desk files it when it starts next time): %1</source>
        <translation>Endnu ikke i arkivet (skranken arkiverer den, næste gang den starter): %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Loading the settings…</source>
        <translation>Henter indstillingerne…</translation>
    </message>
    <message>
        <source>Lock an untouched desk after (minutes)</source>
        <translation>Lås en urørt skranke efter (minutter)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="44" />
        <source>Centre settings</source>
        <translation>Indstillinger for Borgerservice</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="48" />
        <source>Minimum notice for a booking (minutes)</source>
        <translation>Mindste varsel for en tidsbestilling (minutter)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="49" />
        <source>Open bookings per citizen at most</source>
        <translation>Højst åbne tidsbestillinger pr. borger</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="50" />
        <source>Check-in at the earliest (minutes before)</source>
        <translation>Tjek ind tidligst (minutter før)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="51" />
        <source>Check-in at the latest (minutes after)</source>
        <translation>Tjek ind senest (minutter efter)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="55" />
        <source>Booking and arrival</source>
        <translation>Tidsbestilling og ankomst</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="64" />
        <source>Opening hours</source>
        <translation>Åbningstider</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="67" />
        <source>Monday</source>
        <translation>Mandag</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="67" />
        <source>Tuesday</source>
        <translation>Tirsdag</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="67" />
        <source>Wednesday</source>
        <translation>Onsdag</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="67" />
        <source>Thursday</source>
        <translation>Torsdag</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="68" />
        <source>Friday</source>
        <translation>Fredag</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="68" />
        <source>Saturday</source>
        <translation>Lørdag</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="68" />
        <source>Sunday</source>
        <translation>Søndag</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="71" />
        <source>open</source>
        <translation>åben</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="84" />
        <source>Which counter offers which service</source>
        <translation>Hvilken skranke tilbyder hvilken ydelse</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="102" />
        <source>Identity checks</source>
        <translation>Identitetskontroller</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="103" />
        <source>&amp;Keep images of checked documents</source>
        <translation>&amp;Gem billeder af kontrollerede dokumenter</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="108" />
        <source>Off (the default): a scan or photo is read and then discarded; only the document kind, issuing country, the last four characters of its number, its expiry and the result are kept.</source>
        <translation>Fra (standard): en scanning eller et foto læses og kasseres derefter; kun dokumenttype, udstedende land, de sidste fire tegn af nummeret, udløbsdatoen og resultatet gemmes.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="116" />
        <source>Closed days and counter absences</source>
        <translation>Lukkedage og skrankers fravær</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="125" />
        <source>The whole centre</source>
        <translation>Hele Borgerservice</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="130" />
        <source>Reason, e.g. staff day</source>
        <translation>Årsag, fx personaledag</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="131" />
        <source>&amp;Add</source>
        <translation>&amp;Tilføj</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="133" />
        <source>&amp;Remove chosen</source>
        <translation>&amp;Fjern valgte</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="165" />
        <source>the whole centre</source>
        <translation>hele Borgerservice</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="190" />
        <source>Saved.</source>
        <translation>Gemt.</translation>
    </message>
    <message>
        <source>Control questions asked</source>
        <translation>Kontrolspørgsmål, der stilles</translation>
    </message>
    <message>
        <source>Control questions that must be right</source>
        <translation>Kontrolspørgsmål, der skal besvares rigtigt</translation>
    </message>
    <message>
        <source>An activation code is valid for (hours)</source>
        <translation>En aktiveringskode gælder i (timer)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Skranke</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Ydelse</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>Bookingkode</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Årsag</translation>
    </message>
    <message>
        <source>This appointment now falls on a closed day or outside the opening hours — move it or cancel it and contact the citizen.</source>
        <translation>Denne aftale ligger nu på en lukket dag eller uden for åbningstiden — flyt den eller aflys den og kontakt borgeren.</translation>
    </message>
    <message>
        <source>This appointment now falls on a closed day — move it or cancel it and contact the citizen.</source>
        <translation>Denne aftale ligger nu på en lukket dag — flyt den eller aflys den og kontakt borgeren.</translation>
    </message>
    <message>
        <source>This appointment now falls outside the opening hours — move it or cancel it and contact the citizen.</source>
        <translation>Denne aftale ligger nu uden for åbningstiden — flyt den eller aflys den og kontakt borgeren.</translation>
    </message>
    <message>
        <source>These %1 appointments now fall on a closed day or outside the opening hours — move them or cancel them and contact the citizens.</source>
        <translation>Disse %1 aftaler ligger nu på en lukket dag eller uden for åbningstiden — flyt dem eller aflys dem og kontakt borgerne.</translation>
    </message>
    <message>
        <source>These %1 appointments now fall on a closed day — move them or cancel them and contact the citizens.</source>
        <translation>Disse %1 aftaler ligger nu på en lukket dag — flyt dem eller aflys dem og kontakt borgerne.</translation>
    </message>
    <message>
        <source>These %1 appointments now fall outside the opening hours — move them or cancel them and contact the citizens.</source>
        <translation>Disse %1 aftaler ligger nu uden for åbningstiden — flyt dem eller aflys dem og kontakt borgerne.</translation>
    </message>
    <message>
        <source>Closed day</source>
        <translation>Lukket dag</translation>
    </message>
    <message>
        <source>Counter absent</source>
        <translation>Skranken er fraværende</translation>
    </message>
    <message>
        <source>Outside the opening hours</source>
        <translation>Uden for åbningstiden</translation>
    </message>
</context>
<context>
    <name>StatisticsPanel</name>
    <message>
        <location filename="../../ui/statistics_panel.py" line="60" />
        <source>&amp;Show</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_panel.py" line="69" />
        <source>From</source>
        <translation>Fra</translation>
    </message>
    <message>
        <location filename="../../ui/statistics_panel.py" line="71" />
        <source>to</source>
        <translation>til</translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <location filename="../../ui/today_panel.py" line="1" />
        <source>The language the confirmation is written in: the citizen's</source>
        <translation>Sproget, bekræftelsen skrives på: borgerens</translation>
    </message>
    <message>
        <source>No appointment with the booking code %1.</source>
        <translation>Ingen aftale med bookingkoden %1.</translation>
    </message>
    <message>
        <source>This walk-in&apos;s visit has ended.</source>
        <translation>Besøget for denne borger uden tid er afsluttet.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Henter…</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="65" />
        <source>All counters</source>
        <translation>Alle skranker</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="68" />
        <source>&amp;Week</source>
        <translation>&amp;Uge</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="72" />
        <source>Filter: name, booking code, counter, service</source>
        <translation>Filtrér: navn, bookingkode, skranke, ydelse</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="85" />
        <source>Check &amp;in / serve (Enter)</source>
        <translation>&amp;Tjek ind / betjen (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="87" />
        <source>&amp;Refresh (F5)</source>
        <translation>&amp;Opdatér (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="90" />
        <source>&amp;Move… (F2)</source>
        <translation>&amp;Flyt… (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="92" />
        <source>Cancel booking (Del)</source>
        <translation>Aflys tid (Del)</translation>
    </message>
    <message>
        <source>Confirmation (Ctrl+P)</source>
        <translation>Bekræftelse (Ctrl+P)</translation>
    </message>
    <message>
        <source>Choose a booked appointment to print its confirmation.</source>
        <translation>Vælg en booket tid for at udskrive dens bekræftelse.</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="94" />
        <source>No-show (F8)</source>
        <translation>Udeblevet (F8)</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="157" />
        <source>Week %1</source>
        <translation>Uge %1</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="159" />
        <source>Appointments %1</source>
        <translation>Tidsbestillinger %1</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="220" />
        <source>Choose a booked appointment to move.</source>
        <translation>Vælg en booket tid at flytte.</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="232" />
        <source>Cancel booking</source>
        <translation>Aflys tid</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="233" />
        <source>Cancel %1's booking at %2? The time becomes free for others.</source>
        <translation>Aflys %1s tid %2? Tiden bliver ledig for andre.</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="243" />
        <source>Booking cancelled.</source>
        <translation>Tiden er aflyst.</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="257" />
        <source>%1 is marked as a no-show.</source>
        <translation>%1 er registreret som udeblevet.</translation>
    </message>
    <message>
        <location filename="../../ui/today_panel.py" line="265" />
        <source>Choose the citizen's appointment first.</source>
        <translation>Vælg først borgerens tidsbestilling.</translation>
    </message>
    <message>
        <source>Another clerk's visit</source>
        <translation>En anden medarbejders besøg</translation>
    </message>
    <message>
        <source>The visit was opened by %1. Take it over?</source>
        <translation>Besøget er åbnet af %1. Overtag det?</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../ui/users_dialog.py" line="42" />
        <source>Clerks of the centre</source>
        <translation>Centrets brugere</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="49" />
        <source>User name</source>
        <translation>Brugernavn</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="49" />
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="49" />
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="49" />
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="55" />
        <source>&amp;Deactivate</source>
        <translation>&amp;Deaktivér</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="56" />
        <source>Re&amp;activate</source>
        <translation>&amp;Genaktivér</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="57" />
        <source>&amp;Lift lock</source>
        <translation>&amp;Ophæv spærring</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="63" />
        <source>New password for the chosen clerk</source>
        <translation>Ny adgangskode til den valgte medarbejder</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="65" />
        <source>&amp;Reset password</source>
        <translation>Nulstil &amp;adgangskode</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="70" />
        <source>New clerk (chooses their own password at first sign-in)</source>
        <translation>Ny medarbejder (vælger sin egen adgangskode ved første login)</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="77" />
        <location filename="../../ui/users_dialog.py" line="131" />
        <source>clerk</source>
        <translation>sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="78" />
        <location filename="../../ui/users_dialog.py" line="131" />
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="80" />
        <source>&amp;Create clerk</source>
        <translation>O&amp;pret medarbejder</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="82" />
        <source>&amp;User name</source>
        <translation>&amp;Brugernavn</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="83" />
        <source>&amp;Full name</source>
        <translation>&amp;Fulde navn</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="84" />
        <source>R&amp;ole</source>
        <translation>&amp;Rolle</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="85" />
        <source>First &amp;password</source>
        <translation>Første adgangs&amp;kode</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="140" />
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="140" />
        <source>deactivated</source>
        <translation>deaktiveret</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="142" />
        <source>locked until {time}</source>
        <translation>spærret til kl. {time}</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="144" />
        <source>must choose a new password</source>
        <translation>skal vælge en ny adgangskode</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="186" />
        <source>{name} can sign in again.</source>
        <translation>{name} kan logge ind igen.</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="186" />
        <source>{name} can no longer sign in.</source>
        <translation>{name} kan ikke længere logge ind.</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="196" />
        <source>The lock on {name} is lifted.</source>
        <translation>Spærringen af {name} er ophævet.</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="205" />
        <source>{name} has a new password and must choose their own at the next sign-in.</source>
        <translation>{name} har fået en ny adgangskode og skal vælge sin egen ved næste login.</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="220" />
        <source>{username} is created and chooses their own password at the first sign-in.</source>
        <translation>{username} er oprettet og vælger sin egen adgangskode ved første login.</translation>
    </message>
    <message>
        <source>Locked desks (too many wrong names)</source>
        <translation>Låste arbejdspladser (for mange forkerte brugernavne)</translation>
    </message>
    <message>
        <source>Lift the desk&apos;s lock</source>
        <translation>Ophæv arbejdspladsens spærring</translation>
    </message>
    <message>
        <source>{desk}: locked until {time}</source>
        <translation>{desk}: spærret til {time}</translation>
    </message>
    <message>
        <source>The lock on the desk {desk} is lifted.</source>
        <translation>Spærringen af arbejdspladsen {desk} er ophævet.</translation>
    </message>
</context>
<context>
    <name>VisitPanel</name>
    <message>
        <source>The last action is still being saved. Finish the visit once it is.</source>
        <translation>Den sidste handling gemmes stadig. Afslut besøget, når den er gemt.</translation>
    </message>
    <message>
        <source>The citizen's MitID could not be read again (the database cannot be reached): what is shown may be out of date.</source>
        <translation>Borgerens MitID kunne ikke læses igen (databasen kan ikke nås): det viste er måske ikke opdateret.</translation>
    </message>
    <message>
        <source>Loading the citizen…</source>
        <translation>Henter borgeren…</translation>
    </message>
    <message>
        <location filename="../../ui/visit_panel.py" line="53" />
        <location filename="../../ui/visit_panel.py" line="129" />
        <source>No citizen checked in. Pick one under Today.</source>
        <translation>Ingen borger tjekket ind. Vælg en under I dag.</translation>
    </message>
    <message>
        <location filename="../../ui/visit_panel.py" line="83" />
        <source>MitID</source>
        <translation>MitID</translation>
    </message>
    <message>
        <location filename="../../ui/visit_panel.py" line="88" />
        <source>&amp;Finish visit (Ctrl+E)</source>
        <translation>&amp;Afslut besøg (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../ui/visit_panel.py" line="146" />
        <source>no CPR number, born %1</source>
        <translation>intet CPR-nummer, født %1</translation>
    </message>
    <message>
        <location filename="../../ui/visit_panel.py" line="126" />
        <source>The identity check is still being saved. Finish the visit once it is.</source>
        <translation>Identitetskontrollen er ved at blive gemt. Afslut besøget, når den er gemt.</translation>
    </message>
</context>
<context>
    <name>findings</name>
    <message>
        <source>Characters read with doubt were confirmed against the document: %1</source>
        <translation>Usikre tegn er bekræftet mod dokumentet: %1</translation>
    </message>
    <message>
        <source>Characters read with doubt are not confirmed against the document: %1</source>
        <translation>Usikre tegn er IKKE bekræftet mod dokumentet: %1</translation>
    </message>
    <message>
        <source>Document code, country codes, sex and dates are ones an MRZ may hold</source>
        <translation>Dokumentkode, landekoder, køn og datoer er gyldige i en MRZ</translation>
    </message>
    <message>
        <source>Document code &apos;%1&apos; is not allowed for this document: correct the lines</source>
        <translation>Dokumentkoden &apos;%1&apos; er ikke tilladt for dette dokument: ret linjerne</translation>
    </message>
    <message>
        <source>Sex &apos;%1&apos; is not M, F, X or &lt;: correct the lines</source>
        <translation>Køn &apos;%1&apos; er ikke M, F, X eller &lt;: ret linjerne</translation>
    </message>
    <message>
        <source>%2 &apos;%1&apos; is not a calendar date: correct the lines</source>
        <translation>%2 &apos;%1&apos; er ikke en gyldig dato: ret linjerne</translation>
    </message>
    <message>
        <source>%2 &apos;%1&apos; is not a known country code: compare it with the document</source>
        <translation>%2 &apos;%1&apos; er ikke en kendt landekode: sammenlign med dokumentet</translation>
    </message>
    <message>
        <source>%2 &apos;%1&apos; is no known country code: confirmed against the document</source>
        <translation>%2 &apos;%1&apos; er ikke en kendt landekode: bekræftet mod dokumentet</translation>
    </message>
    <message>
        <source>character not allowed</source>
        <translation>ugyldigt tegn</translation>
    </message>
    <message>
        <source>impossible date</source>
        <translation>ugyldig dato</translation>
    </message>
    <message>
        <source>characters not confirmed</source>
        <translation>tegn ikke bekræftet</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="13" />
        <source>document number</source>
        <translation>dokumentnummer</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="14" />
        <source>birth date</source>
        <translation>fødselsdato</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="15" />
        <source>expiry date</source>
        <translation>udløbsdato</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="16" />
        <source>personal number</source>
        <translation>personnummer</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="17" />
        <source>whole zone (composite)</source>
        <translation>hele zonen (samlet)</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="18" />
        <source>licence line</source>
        <translation>kørekortlinjen</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="33" />
        <source>Check digit of the %1 is right</source>
        <translation>Kontrolciffer for %1 er korrekt</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="33" />
        <source>Check digit of the %1 is WRONG</source>
        <translation>Kontrolciffer for %1 er FORKERT</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="37" />
        <source>%1 is accepted as photo ID</source>
        <translation>%1 godkendes som billedlegitimation</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="37" />
        <source>%1 is not accepted as photo ID</source>
        <translation>%1 godkendes ikke som billedlegitimation</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="40" />
        <source>Valid until %1</source>
        <translation>Gyldigt til %1</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="40" />
        <source>Expired on %1</source>
        <translation>Udløbet %1</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="43" />
        <source>The expiry date cannot be read</source>
        <translation>Udløbsdatoen kan ikke læses</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="57" />
        <source> (printed: %1; cards issued 2004-2013 to adults are valid 5 years more)</source>
        <translation> (trykt: %1; kort udstedt 2004-2013 til voksne gælder 5 år mere)</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="63" />
        <source>This card's MRZ holds no expiry date: type the date printed on the card</source>
        <translation>Kortets MRZ har ingen udløbsdato: skriv datoen, der er trykt på kortet</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="46" />
        <source>Birth date matches the CPR number</source>
        <translation>Fødselsdatoen passer med CPR-nummeret</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="48" />
        <source>Birth date %1 does not match the citizen's %2</source>
        <translation>Fødselsdatoen %1 passer ikke med borgerens %2</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="53" />
        <source>The birth date cannot be read</source>
        <translation>Fødselsdatoen kan ikke læses</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="56" />
        <source>Sex matches the CPR number</source>
        <translation>Køn passer med CPR-nummeret</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="57" />
        <source>Sex %1 does not match the citizen's %2</source>
        <translation>Køn %1 passer ikke med borgerens %2</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="61" />
        <source>Surname</source>
        <translation>Efternavn</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="61" />
        <source>Given names</source>
        <translation>Fornavne</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="70" />
        <source>%1 match</source>
        <translation>%1 passer</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="65" />
        <source>%1 differ: document says '%2', the citizen is '%3'</source>
        <translation>%1 afviger: dokumentet siger '%2', borgeren hedder '%3'</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="79" />
        <source>A licence line holds no name or dates: check the licence with Driving licence… (Ctrl+D)</source>
        <translation>En kørekortlinje indeholder hverken navn eller datoer: kontrollér kørekortet med Kørekort… (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="85" />
        <source>The licence line's country matches (%1)</source>
        <translation>Kørekortlinjens land passer (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="89" />
        <source>The licence line says country %1, but %2 was chosen</source>
        <translation>Kørekortlinjen angiver landet %1, men %2 blev valgt</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="95" />
        <source>The licence number matches the licence line</source>
        <translation>Kørekortnummeret passer med kørekortlinjen</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="97" />
        <source>The licence line has number %1, but %2 was typed</source>
        <translation>Kørekortlinjen har nummeret %1, men %2 blev skrevet</translation>
    </message>
    <message>
        <source>%1 match, shortened on the document: '%2' is not on it</source>
        <translation>%1 passer, forkortet på dokumentet: '%2' står ikke på det</translation>
    </message>
    <message>
        <source>%1 match, shortened on the document: %2</source>
        <translation>%1 passer, forkortet på dokumentet: %2</translation>
    </message>
    <message>
        <source>%1 differ: the document says %2, the citizen is %3</source>
        <translation>%1 afviger: dokumentet siger %2, borgeren hedder %3</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>køn</translation>
    </message>
    <message>
        <source>name</source>
        <translation>navn</translation>
    </message>
    <message>
        <source>country</source>
        <translation>land</translation>
    </message>
    <message>
        <source>licence number</source>
        <translation>kørekortnummer</translation>
    </message>
    <message>
        <source>check digit wrong</source>
        <translation>kontrolciffer forkert</translation>
    </message>
    <message>
        <source>not photo ID</source>
        <translation>ikke billed-id</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>udløbet</translation>
    </message>
    <message>
        <source>expiry date unreadable</source>
        <translation>udløbsdato ulæselig</translation>
    </message>
    <message>
        <location filename="../../ui/findings.py" line="190" />
        <source>printed expiry date needed</source>
        <translation>trykt udløbsdato mangler</translation>
    </message>
    <message>
        <source>birth date unreadable</source>
        <translation>fødselsdato ulæselig</translation>
    </message>
    <message>
        <source>licence fields needed</source>
        <translation>kørekortets felter mangler</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 og %2</translation>
    </message>
    <message>
        <source>%1 does not match</source>
        <translation>%1 passer ikke</translation>
    </message>
    <message>
        <source>%1 do not match</source>
        <translation>%1 passer ikke</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Afvist: %1</translation>
    </message>
</context>
<context>
    <name>licence</name>
    <message>
        <location filename="../../ui/licence_dialog.py" line="51" />
        <source>Denmark</source>
        <translation>Danmark</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="52" />
        <source>Austria</source>
        <translation>Østrig</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="53" />
        <source>Belgium</source>
        <translation>Belgien</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="54" />
        <source>Bulgaria</source>
        <translation>Bulgarien</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="55" />
        <source>Croatia</source>
        <translation>Kroatien</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="56" />
        <source>Cyprus</source>
        <translation>Cypern</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="57" />
        <source>Czechia</source>
        <translation>Tjekkiet</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="58" />
        <source>Estonia</source>
        <translation>Estland</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="59" />
        <source>Finland</source>
        <translation>Finland</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="60" />
        <source>France</source>
        <translation>Frankrig</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="61" />
        <source>Germany</source>
        <translation>Tyskland</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="62" />
        <source>Greece</source>
        <translation>Grækenland</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="63" />
        <source>Hungary</source>
        <translation>Ungarn</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="64" />
        <source>Iceland</source>
        <translation>Island</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="65" />
        <source>Ireland</source>
        <translation>Irland</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="66" />
        <source>Italy</source>
        <translation>Italien</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="67" />
        <source>Latvia</source>
        <translation>Letland</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="68" />
        <source>Liechtenstein</source>
        <translation>Liechtenstein</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="69" />
        <source>Lithuania</source>
        <translation>Litauen</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="70" />
        <source>Luxembourg</source>
        <translation>Luxembourg</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="71" />
        <source>Malta</source>
        <translation>Malta</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="72" />
        <source>Netherlands</source>
        <translation>Nederlandene</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="73" />
        <source>Norway</source>
        <translation>Norge</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="74" />
        <source>Poland</source>
        <translation>Polen</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="75" />
        <source>Portugal</source>
        <translation>Portugal</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="76" />
        <source>Romania</source>
        <translation>Rumænien</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="77" />
        <source>Slovakia</source>
        <translation>Slovakiet</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="78" />
        <source>Slovenia</source>
        <translation>Slovenien</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="79" />
        <source>Spain</source>
        <translation>Spanien</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="80" />
        <source>Sweden</source>
        <translation>Sverige</translation>
    </message>
    <message>
        <location filename="../../ui/licence_dialog.py" line="81" />
        <source>Switzerland</source>
        <translation>Schweiz</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Only {name} or a supervisor can unlock this desk.</source>
        <translation>Kun {name} eller en supervisor kan låse denne skranke op.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="13" />
        <source>Something went wrong that the desk did not expect. Nothing was saved. ({detail})</source>
        <translation>Der skete en uventet fejl. Intet blev gemt. ({detail})</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="18" />
        <source>'{value}' is not a CPR number. Type ten digits, e.g. 010190-1234.</source>
        <translation>'{value}' er ikke et CPR-nummer. Skriv ti cifre, fx 010190-1234.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="19" />
        <source>'{value}' is not a CPR number: the first six digits are not a date.</source>
        <translation>'{value}' er ikke et CPR-nummer: de første seks cifre er ikke en dato.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="20" />
        <source>'{value}' is not a CPR number: the birth date lies in the future.</source>
        <translation>'{value}' er ikke et CPR-nummer: fødselsdatoen ligger i fremtiden.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="21" />
        <source>No citizen found for '{query}'.</source>
        <translation>Ingen borger fundet for '{query}'.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="22" />
        <source>Type what to search for.</source>
        <translation>Skriv, hvad der skal søges efter.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="23" />
        <source>This citizen has no CPR number.</source>
        <translation>Borgeren har intet CPR-nummer.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="24" />
        <source>The document's birth date could not be read.</source>
        <translation>Dokumentets fødselsdato kunne ikke læses.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="25" />
        <source>Wrong user name or password.</source>
        <translation>Forkert brugernavn eller adgangskode.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="26" />
        <source>The appointment no longer exists.</source>
        <translation>Tidsbestillingen findes ikke længere.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="27" />
        <source>This citizen is already checked in or the appointment is closed.</source>
        <translation>Borgeren er allerede tjekket ind, eller tidsbestillingen er afsluttet.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="28" />
        <source>Check the citizen in first.</source>
        <translation>Tjek først borgeren ind.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="29" />
        <source>The citizen has no MitID.</source>
        <translation>Borgeren har intet MitID.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="30" />
        <source>The citizen's identity has not been checked in this visit. Check a valid photo ID first. The refusal has been recorded.</source>
        <translation>Borgerens identitet er ikke kontrolleret ved dette besøg. Kontrollér først gyldig billedlegitimation. Afvisningen er registreret.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="34" />
        <source>Choose one of the citizen's MitID apps.</source>
        <translation>Vælg en af borgerens MitID apps.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="35" />
        <source>That app is already blocked.</source>
        <translation>Appen er allerede spærret.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="36" />
        <source>Suspected misuse means blocking the whole MitID, not a single app.</source>
        <translation>Ved mistanke om misbrug spærres hele MitID, ikke en enkelt app.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="39" />
        <source>The citizen already has {limit} active apps: {apps}. Block one first.</source>
        <translation>Borgeren har allerede {limit} aktive apps: {apps}. Spær en af dem først.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="40" />
        <source>Another desk changed this MitID at the same moment. Nothing was saved; look again and retry.</source>
        <translation>En anden skranke ændrede dette MitID i samme øjeblik. Intet blev gemt; se efter igen og prøv igen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="43" />
        <source>This visit has ended. Check the citizen in again to act.</source>
        <translation>Besøget er afsluttet. Tjek borgeren ind igen for at handle.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="44" />
        <source>The app has no users left and cannot be reopened; the citizen activates a new app.</source>
        <translation>Appen har ingen brugere tilbage og kan ikke genåbnes; borgeren aktiverer en ny app.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="47" />
        <source>That method does not belong to this citizen's MitID.</source>
        <translation>Identifikationsmidlet hører ikke til denne borgers MitID.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="48" />
        <source>The citizen has no active app to block.</source>
        <translation>Borgeren har ingen aktiv app at spærre.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="49" />
        <source>The whole MitID is already blocked.</source>
        <translation>Hele MitID er allerede spærret.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="50" />
        <source>The whole MitID is blocked. A supervisor must lift the block first.</source>
        <translation>Hele MitID er spærret. En supervisor skal først ophæve spærringen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="51" />
        <source>A permanent block can never be reopened; the citizen activates a new app.</source>
        <translation>En permanent spærring kan aldrig genåbnes; borgeren aktiverer en ny app.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="52" />
        <source>That method is not blocked.</source>
        <translation>Identifikationsmidlet er ikke spærret.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="53" />
        <source>Only a supervisor can do this.</source>
        <translation>Kun en supervisor kan gøre dette.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="54" />
        <source>The MitID is not blocked.</source>
        <translation>MitID er ikke spærret.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="55" />
        <source>Check the citizen's photo ID again first: lifting the block needs a new identity check made after the block.</source>
        <translation>Kontrollér først borgerens billedlegitimation igen: ophævelse kræver en ny identitetskontrol foretaget efter spærringen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="56" />
        <source>That person is not a user of the app.</source>
        <translation>Personen er ikke bruger af appen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="57" />
        <source>Type the phone or tablet model and the user.</source>
        <translation>Skriv telefonens eller tablettens model og brugeren.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="58" />
        <source>Too early for the appointment. Come back from {come_back_local}.</source>
        <translation>For tidligt til tiden. Kom igen fra {come_back_local}.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="59" />
        <source>No appointment today for that booking code, CPR number or name.</source>
        <translation>Ingen tid i dag for den bookingkode, det CPR-nummer eller navn.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="60" />
        <source>Type a booking code, a CPR number, or a name and birth date.</source>
        <translation>Skriv en bookingkode, et CPR-nummer eller navn og fødselsdato.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="61" />
        <source>That time is taken. The next free time is {next_free_local}.</source>
        <translation>Tiden er optaget. Næste ledige tid er {next_free_local}.</translation>
    </message>
    <message>
        <source>That time is taken, and no later time is free for this service in the {horizon_days} days that can be booked. Offer a walk-in, or another service&apos;s time if it fits the errand.</source>
        <translation>Tiden er optaget, og der er ingen senere ledig tid til denne ydelse inden for de {horizon_days} dage, der kan bookes. Tilbyd et kønummer uden tid, eller en tid til en anden ydelse, hvis den passer til ærindet.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="62" />
        <source>Too soon: the earliest time that can be booked is {earliest_local}.</source>
        <translation>For tidligt: den første tid, der kan bookes, er {earliest_local}.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="63" />
        <source>The citizen already has as many open bookings as allowed ({limit}): {open_bookings}. Move or cancel one of them first.</source>
        <translation>Borgeren har allerede så mange åbne tidsbestillinger, som er tilladt ({limit}): {open_bookings}. Flyt eller aflys en af dem først.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="64" />
        <source>The centre or the counter is closed at that time.</source>
        <translation>Borgerservice eller skranken er lukket på det tidspunkt.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="65" />
        <source>That counter does not offer this service.</source>
        <translation>Skranken tilbyder ikke denne ydelse.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="66" />
        <source>This appointment is for {booked_for_local}, not today. Move it, or serve the citizen as a walk-in if there is room.</source>
        <translation>Aftalen er til {booked_for_local}, ikke i dag. Flyt den, eller betjen borgeren uden aftale, hvis der er plads.</translation>
    </message>
    <message>
        <source>This appointment was at {booked_for_local} and its late window has passed: it cannot be cancelled or moved. Mark it as a no-show, and book a new time if the citizen wants one.</source>
        <translation>Aftalen var {booked_for_local}, og vinduet for forsinkelse er gået: den kan ikke aflyses eller flyttes. Registrér den som udeblevet, og book en ny tid, hvis borgeren ønsker det.</translation>
    </message>
    <message>
        <source>This appointment was at {booked_for_local} and its late window has passed: no confirmation is written for a time the citizen no longer has. Mark it as a no-show, and book a new time if the citizen wants one.</source>
        <translation>Aftalen var {booked_for_local}, og vinduet for forsinkelse er gået: der skrives ingen bekræftelse på en tid, borgeren ikke længere har. Registrér den som udeblevet, og book en ny tid, hvis borgeren ønsker det.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="66" />
        <source>The citizen may still come: a no-show can be marked once the late window has passed.</source>
        <translation>Borgeren kan stadig nå at komme: udeblivelse kan registreres, når vinduet for forsinkelse er gået.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="69" />
        <source>Only a supervisor can change the centre's settings.</source>
        <translation>Kun en supervisor kan ændre indstillingerne.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="70" />
        <source>Choose a number from {low} to {high}.</source>
        <translation>Vælg et tal fra {low} til {high}.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="71" />
        <source>An opening time must come before the closing time.</source>
        <translation>Åbningstiden skal ligge før lukketiden.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="72" />
        <source>That ticket has not been called.</source>
        <translation>Nummeret er ikke kaldt.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="73" />
        <source>Many desks are issuing tickets at once; try again.</source>
        <translation>Mange skranker udsteder numre på én gang; prøv igen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="136" />
        <source>Walk-ins are waiting ({waiting}), but none can be served before this counter&apos;s appointment at {starts_at_local}. A counter with free time can take them.</source>
        <translation>Der venter borgere uden tid ({waiting}), men ingen kan nå at blive betjent før skrankens næste aftale kl. {starts_at_local}. En skranke med ledig tid kan tage dem.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="140" />
        <source>Walk-ins are waiting ({waiting}), but this counter&apos;s appointment at {starts_at_local} has begun and its citizen may still arrive. Mark the no-show once the late window has passed, or let a counter with free time take the walk-ins.</source>
        <translation>Der venter borgere uden tid ({waiting}), men skrankens aftale kl. {starts_at_local} er begyndt, og borgeren kan stadig nå at komme. Markér udeblivelsen, når tiden for at komme for sent er gået, eller lad en skranke med ledig tid tage borgerne uden tid.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="74" />
        <source>The text is not a machine readable zone: a passport or visa has 2 lines of 44 characters, an ID card 3 lines of 30 or 2 lines of 36, an EU driving licence 1 line of 30.</source>
        <translation>Teksten er ikke en maskinlæsbar zone: et pas eller visum har 2 linjer à 44 tegn, et id-kort 3 linjer à 30 eller 2 linjer à 36, et EU-kørekort 1 linje à 30.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="78" />
        <source>That is not a driving licence line: it is one line of 30 characters starting with D.</source>
        <translation>Det er ikke en kørekortlinje: den er én linje på 30 tegn, der begynder med D.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="82" />
        <source>The file could not be opened as an image or PDF: it is damaged or too large. Scan the document again.</source>
        <translation>Filen kunne ikke åbnes som billede eller PDF: den er beskadiget eller for stor. Scan dokumentet igen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="108" />
        <source>The text recognition is not installed completely on this computer. Type the lines instead.</source>
        <translation>Tekstgenkendelsen er ikke installeret helt på denne computer. Skriv linjerne i stedet.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="111" />
        <source>The scanner's character model has not been built on this computer (run 'make ocrb-model'). Type the lines instead.</source>
        <translation>Scannerens tegnmodel er ikke bygget på denne computer (kør 'make ocrb-model'). Skriv linjerne i stedet.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="143" />
        <source>The check is saved, but the document image was not kept: the file is {size_mb} MB and at most {limit_mb} MB can be kept. Scan at a lower resolution if the image must be kept.</source>
        <translation>Kontrollen er gemt, men billedet af dokumentet blev ikke gemt: filen fylder {size_mb} MB, og der kan højst gemmes {limit_mb} MB. Scan med lavere opløsning, hvis billedet skal gemmes.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="115" />
        <source>The scanned image could not be read again to keep it. Nothing was saved; scan again.</source>
        <translation>Det scannede billede kunne ikke læses igen for at gemme det. Intet er gemt; scan igen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="81" />
        <source>The machine readable zone may only hold A-Z, 0-9 and '&lt;'.</source>
        <translation>Den maskinlæsbare zone må kun indeholde A-Z, 0-9 og '&lt;'.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="83" />
        <source>No machine readable zone was found in the image. Scan again with the whole page in view, or type the lines.</source>
        <translation>Der blev ikke fundet nogen maskinlæsbar zone i billedet. Scan igen med hele siden synlig, eller skriv linjerne.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="149" />
        <source>The reader found no machine readable zone within its time limit ({seconds} s). Take a sharper picture with the zone large and straight, or type the lines.</source>
        <translation>Læseren fandt ingen maskinlæsbar zone inden for sin tidsgrænse ({seconds} s). Tag et skarpere billede med zonen stor og lige, eller skriv linjerne.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="87" />
        <source>The PDF holds no scanned image, only text or drawings. Scan the document again, or type the lines.</source>
        <translation>PDF'en indeholder intet scannet billede, kun tekst eller tegninger. Scan dokumentet igen, eller skriv linjerne.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="90" />
        <source>Reading stopped.</source>
        <translation>Læsningen er stoppet.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="91" />
        <source>The camera's picture could not be written to this computer's temporary folder. Take it again, or type the lines.</source>
        <translation>Kameraets billede kunne ikke skrives til computerens midlertidige mappe. Tag det igen, eller skriv linjerne.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="91" />
        <source>'{value}' is not the country of an EU or EEA licence.</source>
        <translation>'{value}' er ikke landet for et EU- eller EØS-kørekort.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="92" />
        <source>A licence from {country} is checked by its machine readable line: read it with the counter reader or type it.</source>
        <translation>Et kørekort fra {country} kontrolleres med dets maskinlæsbare linje: læs den med skrankens læser, eller skriv den.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="96" />
        <source>The licence line has 30 characters (A-Z, 0-9 and '&lt;') and starts with D.</source>
        <translation>Kørekortlinjen har 30 tegn (A-Z, 0-9 og '&lt;') og begynder med D.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="99" />
        <source>'{value}' is not a licence number: at most {max_length} letters and digits.</source>
        <translation>'{value}' er ikke et kørekortnummer: højst {max_length} bogstaver og cifre.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="102" />
        <source>'{value}' is not a Danish licence number: it has 8 digits.</source>
        <translation>'{value}' er ikke et dansk kørekortnummer: det har 8 cifre.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="105" />
        <source>Type the surname as printed on the licence.</source>
        <translation>Skriv efternavnet, som det står på kørekortet.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="106" />
        <source>The birth date lies in the future.</source>
        <translation>Fødselsdatoen ligger i fremtiden.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="107" />
        <source>The expiry date lies before the birth date.</source>
        <translation>Udløbsdatoen ligger før fødselsdatoen.</translation>
    </message>
    <message>
        <source>That receipt is not one of this citizen's.</source>
        <translation>Den kvittering hører ikke til denne borger.</translation>
    </message>
    <message>
        <source>Receipt {reference} is not in this desk's archive: it was made at another desk, or it is filed when this desk starts next time. Ask the operator for it.</source>
        <translation>Kvittering {reference} er ikke i denne skrankes arkiv: den blev lavet ved en anden skranke, eller den arkiveres, næste gang denne skranke starter. Spørg driftsansvarlig efter den.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="118" />
        <source>The database cannot be reached. Nothing was saved; try again in a moment.</source>
        <translation>Databasen kan ikke nås. Intet blev gemt; prøv igen om et øjeblik.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="121" />
        <source>The database stopped answering while the action was being saved, so it may or may not be saved. Look at the citizen's MitID history before doing it again. If it was saved, its receipt is finished when the desk starts next time.</source>
        <translation>Databasen holdt op med at svare, mens handlingen blev gemt, så den er måske gemt, måske ikke. Se borgerens MitID-historik, før du gør det igen. Blev den gemt, gøres kvitteringen færdig, næste gang skranken starter.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="127" />
        <source>The action was refused ({code}).</source>
        <translation>Handlingen blev afvist ({code}).</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="26" />
        <source>Too many wrong tries: signing in is locked until {until_local}. A supervisor can lift the lock.</source>
        <translation>For mange forkerte forsøg: login er spærret til {until_local}. En supervisor kan ophæve spærringen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="29" />
        <source>Your account is no longer active, or has changed. Sign in again; ask a supervisor if it fails.</source>
        <translation>Din konto er ikke længere aktiv eller er blevet ændret. Log ind igen, og spørg en supervisor, hvis det ikke lykkes.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="32" />
        <source>Choose a new password first.</source>
        <translation>Vælg først en ny adgangskode.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="34" />
        <source>The current password is wrong.</source>
        <translation>Den nuværende adgangskode er forkert.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="35" />
        <source>The password must have at least {min_length} characters.</source>
        <translation>Adgangskoden skal have mindst {min_length} tegn.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="36" />
        <source>The password may have at most {max_length} characters.</source>
        <translation>Adgangskoden må højst have {max_length} tegn.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="37" />
        <source>The password may not contain the user name.</source>
        <translation>Adgangskoden må ikke indeholde brugernavnet.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="38" />
        <source>The password is too easy to guess. Use several words, or mix letters, digits and signs.</source>
        <translation>Adgangskoden er for let at gætte. Brug flere ord, eller bland bogstaver, tal og tegn.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="41" />
        <source>The new password must differ from the current one.</source>
        <translation>Den nye adgangskode skal være forskellig fra den nuværende.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="42" />
        <source>The two new passwords differ.</source>
        <translation>De to nye adgangskoder er ikke ens.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="43" />
        <source>A user name has 1 to {max_length} letters, digits, dots, hyphens or underscores.</source>
        <translation>Et brugernavn har 1 til {max_length} bogstaver, tal, punktummer, bindestreger eller understreger.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="46" />
        <source>Type the clerk's full name (at most {max_length} characters).</source>
        <translation>Skriv medarbejderens fulde navn (højst {max_length} tegn).</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="47" />
        <source>The user name '{username}' is taken.</source>
        <translation>Brugernavnet '{username}' er optaget.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="48" />
        <source>That clerk is not one of this centre's.</source>
        <translation>Den medarbejder hører ikke til dette borgerservicecenter.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="49" />
        <source>You cannot deactivate or demote yourself; ask another supervisor.</source>
        <translation>Du kan ikke deaktivere eller nedgradere dig selv; spørg en anden supervisor.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="50" />
        <source>Only a supervisor can manage the clerks.</source>
        <translation>Kun en supervisor kan administrere brugerne.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="51" />
        <source>This visit belongs to another centre. Nothing was done; the refusal has been recorded.</source>
        <translation>Dette besøg hører til et andet borgerservicecenter. Intet blev gjort; afvisningen er registreret.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="174" />
        <source>No clerk can sign in to this database. Set up the centre and its first supervisor with 'python main.py init', then start again.</source>
        <translation>Ingen medarbejder kan logge ind i denne database. Opret centret og dets første supervisor med 'python main.py init', og start igen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="71" />
        <source>Only a supervisor can verify the audit trail.</source>
        <translation>Kun en supervisor kan kontrollere revisionssporet.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="160" />
        <source>The audit trail is intact: {entries} entries, none changed or removed.

The last entry's fingerprint is {hash}. Kept somewhere else, it shows later whether the whole trail was rewritten.</source>
        <translation>Revisionssporet er intakt: {entries} poster, ingen er ændret eller fjernet.

Den sidste posts fingeraftryk er {hash}. Gemt et andet sted viser det senere, om hele sporet er skrevet om.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="165" />
        <source>its content was changed after it was written</source>
        <translation>dens indhold er ændret, efter den blev skrevet</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="167" />
        <source>it does not follow the entry before it (that one was changed or replaced)</source>
        <translation>den hænger ikke sammen med posten før den (den er ændret eller udskiftet)</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="169" />
        <source>it is missing: it was removed from the trail</source>
        <translation>den mangler: den er fjernet fra sporet</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="171" />
        <source>it and the entries after it are missing: they were removed from the end of the trail</source>
        <translation>den og posterne efter den mangler: de er fjernet fra slutningen af sporet</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="174" />
        <source>the last entry is not the one the trail recorded last</source>
        <translation>den sidste post er ikke den, sporet registrerede sidst</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="176" />
        <source>it was added outside the program</source>
        <translation>den er tilføjet uden om programmet</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="179" />
        <source>entry no. {seq}</source>
        <translation>post nr. {seq}</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="181" />
        <source>entry no. {seq} (id {id})</source>
        <translation>post nr. {seq} (id {id})</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="183" />
        <source>The audit trail has been tampered with. The first broken entry is {where}: {reason}.

Report it to the centre's management; the entries before it are intact.</source>
        <translation>Der er pillet ved revisionssporet. Den første brudte post er {where}: {reason}.

Meld det til centrets ledelse; posterne før den er intakte.</translation>
    </message>
    <message>
        <source>{field_name} is too long: at most {limit} characters. Nothing was saved.</source>
        <translation>{field_name} er for lang: højst {limit} tegn. Intet blev gemt.</translation>
    </message>
    <message>
        <source>{field_name} holds a control character that cannot be saved (e.g. from a paste). Type it again.</source>
        <translation>{field_name} indeholder et styretegn, som ikke kan gemmes (f.eks. fra en indsættelse). Skriv det igen.</translation>
    </message>
    <message>
        <source>The database was set up by a newer version of Borgerservice Desk (revision {revision}). This version does not understand it and has changed nothing. Install the newer version.</source>
        <translation>Databasen er sat op af en nyere version af Borgerservice Desk (revision {revision}). Denne version forstår den ikke og har intet ændret. Installer den nyere version.</translation>
    </message>
    <message>
        <source>The database file {path} is damaged or is not a database ({detail}). Nothing was written to it. Restore yesterday's backup ('restore' command) or ask IT support.</source>
        <translation>Databasefilen {path} er beskadiget eller er ikke en database ({detail}). Intet blev skrevet i den. Genskab gårsdagens sikkerhedskopi (kommandoen 'restore') eller spørg IT-support.</translation>
    </message>
    <message>
        <source>The database {path} is locked by another program. Close the other Borgerservice Desk or backup, then start again.</source>
        <translation>Databasen {path} er låst af et andet program. Luk den anden Borgerservice Desk eller sikkerhedskopiering, og start igen.</translation>
    </message>
    <message>
        <source>The database server refused Borgerservice Desk: the database user lacks the rights to set up or read the desk's tables ({detail}). Nothing was changed. Ask IT support to give the user those rights, or to set the database up once with a user that has them.</source>
        <translation>Databaseserveren afviste Borgerservice Desk: databasebrugeren mangler rettigheder til at oprette eller læse programmets tabeller ({detail}). Intet blev ændret. Bed IT-support om at give brugeren de rettigheder eller om at oprette databasen én gang med en bruger, der har dem.</translation>
    </message>
    <message>
        <source>The database server refused to set up the database ({detail}). Nothing was changed. If another desk is starting at the same moment, start again in a minute; otherwise ask IT support.</source>
        <translation>Databaseserveren afviste at oprette databasen ({detail}). Intet blev ændret. Hvis en anden skranke starter i samme øjeblik, så start igen om et minut; ellers spørg IT-support.</translation>
    </message>
    <message>
        <source>The data folder {path} cannot be used ({detail}). Choose another with --data-dir or ask IT support.</source>
        <translation>Datamappen {path} kan ikke bruges ({detail}). Vælg en anden med --data-dir eller spørg IT-support.</translation>
    </message>
    <message>
        <source>The database address starts with '{scheme}', which Borgerservice Desk cannot use. Give an SQLite file or postgresql://user@host/database.</source>
        <translation>Databaseadressen begynder med '{scheme}', som Borgerservice Desk ikke kan bruge. Angiv en SQLite-fil eller postgresql://bruger@vært/database.</translation>
    </message>
    <message>
        <source>The backup is damaged: {file} does not match its checksum. Nothing was restored.</source>
        <translation>Sikkerhedskopien er beskadiget: {file} passer ikke med sin kontrolsum. Intet blev genskabt.</translation>
    </message>
    <message>
        <source>The folder {path} is not there (is the backup drive connected?). Give a folder that exists, or a file name ending in .tar. Nothing was written.</source>
        <translation>Mappen {path} findes ikke (er backupdrevet tilsluttet?). Angiv en mappe, der findes, eller et filnavn, der ender på .tar. Intet blev skrevet.</translation>
    </message>
    <message>
        <source>{path} is not a Borgerservice Desk backup ({detail}). Nothing was restored.</source>
        <translation>{path} er ikke en sikkerhedskopi fra Borgerservice Desk ({detail}). Intet blev genskabt.</translation>
    </message>
    <message>
        <source>The database here was set up by a newer version of Borgerservice Desk (revision {target}) than this one, which cannot restore over it. Nothing was restored.</source>
        <translation>Databasen her er oprettet af en nyere version af Borgerservice Desk (revision {target}) end denne, som ikke kan genskabe oven i den. Intet blev genskabt.</translation>
    </message>
    <message>
        <source>Borgerservice Desk is open on this data folder ({path}). Close every desk window on this PC first, then restore again. Nothing was restored.</source>
        <translation>Borgerservice Desk er åben på denne datamappe ({path}). Luk først alle skrankevinduer på denne pc, og genskab så igen. Intet blev genskabt.</translation>
    </message>
    <message>
        <source>A backup is being restored into the data folder {path}. Start Borgerservice Desk again when the restore has finished.</source>
        <translation>En sikkerhedskopi bliver genskabt i datamappen {path}. Start Borgerservice Desk igen, når genskabelsen er færdig.</translation>
    </message>
    <message>
        <source>The database {path} stayed busy with another desk's work, so nothing was restored and nothing was changed. Try again in a moment.</source>
        <translation>Databasen {path} var hele tiden optaget af en anden skrankes arbejde, så intet blev genskabt og intet blev ændret. Prøv igen om et øjeblik.</translation>
    </message>
    <message>
        <source>The backup's database could not be copied into place ({detail}). Nothing was changed.</source>
        <translation>Sikkerhedskopiens database kunne ikke kopieres på plads ({detail}). Intet blev ændret.</translation>
    </message>
    <message>
        <source>Restoring is for an SQLite database; for PostgreSQL use pg_restore.</source>
        <translation>Genskabelse er til en SQLite-database; til PostgreSQL bruges pg_restore.</translation>
    </message>
    <message>
        <source>The purpose</source>
        <translation>Formålet</translation>
    </message>
    <message>
        <source>The user name</source>
        <translation>Brugernavnet</translation>
    </message>
    <message>
        <source>The password</source>
        <translation>Adgangskoden</translation>
    </message>
    <message>
        <source>The search text</source>
        <translation>Søgeteksten</translation>
    </message>
    <message>
        <source>The MitID user ID</source>
        <translation>MitID-bruger-id'et</translation>
    </message>
    <message>
        <source>The CPR number</source>
        <translation>CPR-nummeret</translation>
    </message>
    <message>
        <source>The name</source>
        <translation>Navnet</translation>
    </message>
    <message>
        <source>The booking code</source>
        <translation>Bookingkoden</translation>
    </message>
    <message>
        <source>The reason</source>
        <translation>Begrundelsen</translation>
    </message>
    <message>
        <source>The phone or tablet model</source>
        <translation>Telefon- eller tabletmodellen</translation>
    </message>
    <message>
        <source>The device name</source>
        <translation>Enhedsnavnet</translation>
    </message>
    <message>
        <source>The app user</source>
        <translation>App-brugeren</translation>
    </message>
    <message>
        <source>The surname</source>
        <translation>Efternavnet</translation>
    </message>
    <message>
        <source>The given names</source>
        <translation>Fornavnene</translation>
    </message>
    <message>
        <source>The licence number</source>
        <translation>Kørekortnummeret</translation>
    </message>
    <message>
        <source>The licence line</source>
        <translation>Kørekortlinjen</translation>
    </message>
    <message>
        <source>The machine readable zone</source>
        <translation>Den maskinlæsbare zone</translation>
    </message>
    <message>
        <source>The text</source>
        <translation>Teksten</translation>
    </message>
    <message>
        <source>The backup was made by a newer version of Borgerservice Desk (revision {revision}). Nothing was restored.</source>
        <translation>Sikkerhedskopien er lavet af en nyere version af Borgerservice Desk (revision {revision}). Intet blev genskabt.</translation>
    </message>
    <message>
        <source>The centre would have no active supervisor left. Nothing was changed; make another clerk a supervisor first.</source>
        <translation>Centret ville ikke have nogen aktiv supervisor tilbage. Intet blev ændret; gør først en anden bruger til supervisor.</translation>
    </message>
    <message>
        <source>This database already has a centre or clerks. Nothing was changed.</source>
        <translation>Databasen har allerede et center eller brugere. Intet blev ændret.</translation>
    </message>
    <message>
        <source>Type the centre&apos;s name (at most {max_length} characters).</source>
        <translation>Skriv centrets navn (højst {max_length} tegn).</translation>
    </message>
    <message>
        <source>Type the centre&apos;s address (at most {max_length} characters).</source>
        <translation>Skriv centrets adresse (højst {max_length} tegn).</translation>
    </message>
    <message>
        <source>That identity check no longer exists, or is not this centre&apos;s.</source>
        <translation>Identitetskontrollen findes ikke længere, eller den hører ikke til dette center.</translation>
    </message>
    <message>
        <source>The full name</source>
        <translation>Det fulde navn</translation>
    </message>
    <message>
        <source>The centre&apos;s name</source>
        <translation>Centrets navn</translation>
    </message>
    <message>
        <source>The centre&apos;s address</source>
        <translation>Centrets adresse</translation>
    </message>
    <message>
        <source>The desk&apos;s name</source>
        <translation>Arbejdspladsens navn</translation>
    </message>
    <message>
        <source>This desk's centre is not in the database (any more). Sign in again; ask IT support if it fails.</source>
        <translation>Arbejdspladsens center findes ikke (længere) i databasen. Log ind igen; kontakt IT-support, hvis det ikke lykkes.</translation>
    </message>
    <message>
        <source>That counter no longer exists, or is not this centre's.</source>
        <translation>Skranken findes ikke længere, eller den hører ikke til dette center.</translation>
    </message>
    <message>
        <source>The service '{query}' does not exist.</source>
        <translation>Ydelsen '{query}' findes ikke.</translation>
    </message>
    <message>
        <source>That closed day or absence no longer exists; it may have been removed at another desk.</source>
        <translation>Lukkedagen eller fraværet findes ikke længere; det er måske fjernet ved en anden arbejdsplads.</translation>
    </message>
    <message>
        <source>'{key}' is not one of the centre's settings. Nothing was saved.</source>
        <translation>'{key}' er ikke en af centrets indstillinger. Intet blev gemt.</translation>
    </message>
    <message>
        <source>Appointments can be deleted after 1 day at the earliest, not after {days}.</source>
        <translation>Tidsbestillinger kan tidligst slettes efter 1 dag, ikke efter {days}.</translation>
    </message>
    <message>
        <source>That ticket no longer exists, or is not this centre's.</source>
        <translation>Kønummeret findes ikke længere, eller det hører ikke til dette center.</translation>
    </message>
    <message>
        <source>That ticket is already being served.</source>
        <translation>Kønummeret er allerede ved at blive betjent.</translation>
    </message>
    <message>
        <source>That ticket has an appointment: the citizen is served from it.</source>
        <translation>Kønummeret hører til en tidsbestilling: borgeren betjenes ud fra den.</translation>
    </message>
    <message>
        <source>That ticket was called by another clerk.</source>
        <translation>Kønummeret blev kaldt af en anden medarbejder.</translation>
    </message>
    <message>
        <source>Find the citizen first.</source>
        <translation>Find borgeren først.</translation>
    </message>
    <message>
        <source>That ticket belongs to another citizen.</source>
        <translation>Kønummeret hører til en anden borger.</translation>
    </message>
    <message>
        <source>The visit was opened by {clerk}.</source>
        <translation>Besøget er åbnet af {clerk}.</translation>
    </message>
    <message>
        <source>This citizen is already being served: a visit opened by {clerk} is still open. Finish that visit first.</source>
        <translation>Borgeren bliver allerede betjent: et besøg åbnet af {clerk} er stadig åbent. Afslut det besøg først.</translation>
    </message>
    <message>
        <source>The citizen already has a booking at that time: {booking_code} at {counter}, {starts_at_local}. Move or cancel that one first.</source>
        <translation>Borgeren har allerede en tidsbestilling på det tidspunkt: {booking_code} ved {counter} kl. {starts_at_local}. Flyt eller aflys den først.</translation>
    </message>
    <message>
        <source>Choose the app in the list of methods first.</source>
        <translation>Vælg først appen i listen over identifikationsmidler.</translation>
    </message>
    <message>
        <source>Choose the blocked method in the list first.</source>
        <translation>Vælg først det spærrede identifikationsmiddel i listen.</translation>
    </message>
    <message>
        <source>No method is temporarily blocked: only a block for too many wrong tries can be reopened.</source>
        <translation>Intet identifikationsmiddel er midlertidigt spærret: kun en spærring for for mange forkerte forsøg kan genåbnes.</translation>
    </message>
    <message>
        <source>The app has no users to remove.</source>
        <translation>Appen har ingen brugere, der kan fjernes.</translation>
    </message>
    <message>
        <source>Not yet: the citizen's identity is not established well enough for this. Missing: {gaps}.</source>
        <translation>Ikke endnu: borgerens identitet er ikke godtgjort godt nok til dette. Der mangler: {gaps}.</translation>
    </message>
    <message>
        <source>A passport, ID card, residence permit or driving licence is checked in the identity check, not typed here.</source>
        <translation>Pas, ID-kort, opholdstilladelse og kørekort kontrolleres i identitetskontrollen og indtastes ikke her.</translation>
    </message>
    <message>
        <source>'{value}' is not a country code: type the three letters, e.g. DNK.</source>
        <translation>'{value}' er ikke en landekode: skriv de tre bogstaver, fx DNK.</translation>
    </message>
    <message>
        <source>A document number has only letters and digits.</source>
        <translation>Et dokumentnummer har kun bogstaver og cifre.</translation>
    </message>
    <message>
        <source>The register knows too little about the citizen to ask {asked} questions. Use a witness instead.</source>
        <translation>Registret ved for lidt om borgeren til at stille {asked} spørgsmål. Brug et vidne i stedet.</translation>
    </message>
    <message>
        <source>The citizen has failed the control questions {failed} times within a day: no more are drawn. Use a witness instead.</source>
        <translation>Borgeren har svaret forkert på kontrolspørgsmålene {failed} gange inden for et døgn: der trækkes ikke flere. Brug et vidne i stedet.</translation>
    </message>
    <message>
        <source>Mark every question right or wrong first.</source>
        <translation>Markér først hvert spørgsmål som rigtigt eller forkert.</translation>
    </message>
    <message>
        <source>These questions are already marked. Draw new ones.</source>
        <translation>Disse spørgsmål er allerede markeret. Træk nye.</translation>
    </message>
    <message>
        <source>Those questions do not belong to this visit. Draw new ones.</source>
        <translation>De spørgsmål hører ikke til dette besøg. Træk nye.</translation>
    </message>
    <message>
        <source>The centre's settings ask for more right answers than questions. A supervisor must correct them.</source>
        <translation>Centrets indstillinger kræver flere rigtige svar end spørgsmål. En supervisor skal rette dem.</translation>
    </message>
    <message>
        <source>More right answers ({required}) than questions asked ({asked}) could never pass. Nothing was changed.</source>
        <translation>Flere rigtige svar ({required}) end stillede spørgsmål ({asked}) kan aldrig bestås. Intet blev ændret.</translation>
    </message>
    <message>
        <source>No citizen with that CPR number: the witness must be in the register.</source>
        <translation>Ingen borger med det CPR-nummer: vidnet skal findes i registret.</translation>
    </message>
    <message>
        <source>The citizen cannot be their own witness.</source>
        <translation>Borgeren kan ikke være sit eget vidne.</translation>
    </message>
    <message>
        <source>A witness must be at least {min_age} years old.</source>
        <translation>Et vidne skal være mindst {min_age} år.</translation>
    </message>
    <message>
        <source>The witness has no MitID that works.</source>
        <translation>Vidnet har intet MitID, der virker.</translation>
    </message>
    <message>
        <source>The witness must have had MitID for more than {min_days} days.</source>
        <translation>Vidnet skal have haft MitID i mere end {min_days} dage.</translation>
    </message>
    <message>
        <source>The witness must show valid photo ID.</source>
        <translation>Vidnet skal vise gyldig billedlegitimation.</translation>
    </message>
    <message>
        <source>The witness must show their own MitID.</source>
        <translation>Vidnet skal vise sit eget MitID.</translation>
    </message>
    <message>
        <source>This witness has already vouched for {limit} people within {days} days and cannot vouch for more now.</source>
        <translation>Dette vidne har allerede vidnet for {limit} personer inden for {days} dage og kan ikke vidne for flere nu.</translation>
    </message>
    <message>
        <source>An activation code is valid from {min_hours} hour to {max_days} days. A supervisor must correct the setting.</source>
        <translation>En aktiveringskode gælder fra {min_hours} time til {max_days} dage. En supervisor skal rette indstillingen.</translation>
    </message>
    <message>
        <source>The citizen already has a MitID: give them a new method instead.</source>
        <translation>Borgeren har allerede et MitID: giv dem et nyt identifikationsmiddel i stedet.</translation>
    </message>
    <message>
        <source>A serial number has 6 to 20 letters and digits, as printed on the device.</source>
        <translation>Et serienummer har 6 til 20 bogstaver og cifre, som det står på enheden.</translation>
    </message>
    <message>
        <source>No device with serial number {serial} in this centre's stock.</source>
        <translation>Ingen enhed med serienummer {serial} på centrets lager.</translation>
    </message>
    <message>
        <source>That is not a code display, audio code reader or chip.</source>
        <translation>Det er hverken en kodeviser, en kodeoplæser eller en chip.</translation>
    </message>
    <message>
        <source>The device {serial} is not in stock: it has been handed out or withdrawn.</source>
        <translation>Enheden {serial} er ikke på lager: den er udleveret eller kasseret.</translation>
    </message>
    <message>
        <source>The citizen already has a working device of that kind ({serial}). Block it first if it is lost.</source>
        <translation>Borgeren har allerede en virkende enhed af den slags ({serial}). Spær den først, hvis den er mistet.</translation>
    </message>
    <message>
        <source>a valid photo ID</source>
        <translation>gyldig billedlegitimation</translation>
    </message>
    <message>
        <source>a Danish document that shows the CPR number</source>
        <translation>et dansk dokument, der viser CPR-nummeret</translation>
    </message>
    <message>
        <source>a stronger document (e.g. a Danish passport with CPR number)</source>
        <translation>et stærkere dokument (fx et dansk pas med CPR-nummer)</translation>
    </message>
    <message>
        <source>control questions answered, or a witness</source>
        <translation>besvarede kontrolspørgsmål eller et vidne</translation>
    </message>
</context>
<context>
    <name>models</name>
    <message>
        <source>Stopped (whole MitID blocked)</source>
        <translation>Stoppet (hele MitID spærret)</translation>
    </message>
    <message>
        <source>Walk-in, ticket %1</source>
        <translation>Uden tid, kønummer %1</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="106" />
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="110" />
        <source>Counter</source>
        <translation>Skranke</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="111" />
        <source>Service</source>
        <translation>Ydelse</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="112" />
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="113" />
        <location filename="../../ui/models.py" line="169" />
        <source>CPR number</source>
        <translation>CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="113" />
        <location filename="../../ui/models.py" line="169" />
        <source>no CPR number</source>
        <translation>intet CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="114" />
        <source>Booking code</source>
        <translation>Bookingkode</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="115" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="130" />
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="131" />
        <source>Name / model</source>
        <translation>Navn / model</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="132" />
        <source>State</source>
        <translation>Tilstand</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="133" />
        <source>Activated</source>
        <translation>Aktiveret</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="134" />
        <source>Last used</source>
        <translation>Sidst brugt</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="149" />
        <source>When</source>
        <translation>Hvornår</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="151" />
        <source>Action</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="154" />
        <source>Methods</source>
        <translation>Identifikationsmidler</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="155" />
        <source>Reason</source>
        <translation>Årsag</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="156" />
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="157" />
        <source>Clerk</source>
        <translation>Sagsbehandler</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="167" />
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="168" />
        <source>Birth date</source>
        <translation>Fødselsdato</translation>
    </message>
</context>
<context>
    <name>mrz_entry</name>
    <message>
        <source>Document code</source>
        <translation>Dokumentkode</translation>
    </message>
    <message>
        <source>Issuing country</source>
        <translation>Udstedende land</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>Dokumentnummer</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Nationalitet</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Køn</translation>
    </message>
    <message>
        <source>Optional data</source>
        <translation>Valgfrie data</translation>
    </message>
    <message>
        <source>Licence configuration</source>
        <translation>Kørekortets konfiguration</translation>
    </message>
    <message>
        <source>Licence version</source>
        <translation>Kørekortets version</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Efternavn</translation>
    </message>
    <message>
        <source>Given names</source>
        <translation>Fornavne</translation>
    </message>
    <message>
        <source>Office of issue</source>
        <translation>Udstedende kontor</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fødselsdato</translation>
    </message>
    <message>
        <source>Check digit</source>
        <translation>Kontrolciffer</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="25" />
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="26" />
        <source>Birth</source>
        <translation>Fødsel</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="27" />
        <source>Expiry date</source>
        <translation>Udløbsdato</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="28" />
        <source>Personal no.</source>
        <translation>Personnr.</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="29" />
        <source>Composite</source>
        <translation>Samlet</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="30" />
        <source>Licence line</source>
        <translation>Kørekortlinje</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="36" />
        <source>not typed yet</source>
        <translation>ikke skrevet endnu</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="37" />
        <source>right</source>
        <translation>rigtigt</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="38" />
        <source>WRONG</source>
        <translation>FORKERT</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="178" />
        <source>Passport (TD3)</source>
        <translation>Pas (TD3)</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="179" />
        <source>ID or residence card (TD1)</source>
        <translation>Id- eller opholdskort (TD1)</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="180" />
        <source>ID card (TD2)</source>
        <translation>Id-kort (TD2)</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="181" />
        <source>Visa (MRV-A)</source>
        <translation>Visum (MRV-A)</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="182" />
        <source>Visa (MRV-B)</source>
        <translation>Visum (MRV-B)</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="183" />
        <source>EU driving licence (DL1)</source>
        <translation>EU-kørekort (DL1)</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="184" />
        <source>French ID card, before 2021</source>
        <translation>Fransk ID-kort, før 2021</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="184" />
        <source>Danish driving licence (typed)</source>
        <translation>Dansk kørekort (skrevet ind)</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="196" />
        <source>line %1: %2 of %3</source>
        <translation>linje %1: %2 af %3</translation>
    </message>
    <message>
        <location filename="../../ui/mrz_entry.py" line="204" />
        <source>%1 line(s) too many</source>
        <translation>%1 linje(r) for mange</translation>
    </message>
</context>
<context>
    <name>vocabulary</name>
    <message>
        <location filename="../../ui/vocabulary.py" line="20" />
        <source>Scan or file</source>
        <translation>Scanning eller fil</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="21" />
        <source>Photo from the camera</source>
        <translation>Foto fra kameraet</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="22" />
        <source>Counter reader</source>
        <translation>Skrankens læser</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="23" />
        <source>Typed in</source>
        <translation>Indtastet</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="29" />
        <source>MitID app</source>
        <translation>MitID app</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="30" />
        <source>Code display</source>
        <translation>Kodeviser</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="31" />
        <source>Audio code reader</source>
        <translation>Kodeoplæser</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="32" />
        <source>MitID chip</source>
        <translation>MitID chip</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="38" />
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="39" />
        <source>Blocked (temporary)</source>
        <translation>Spærret (midlertidigt)</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="40" />
        <source>Blocked (permanent)</source>
        <translation>Spærret (permanent)</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="41" />
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="47" />
        <source>Lost</source>
        <translation>Mistet</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="48" />
        <source>Stolen</source>
        <translation>Stjålet</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="49" />
        <source>Suspected misuse</source>
        <translation>Mistanke om misbrug</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="50" />
        <source>Replaced by a new device</source>
        <translation>Erstattet af en ny enhed</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="51" />
        <source>Too many wrong tries</source>
        <translation>For mange forkerte forsøg</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="57" />
        <source>In the MitID app</source>
        <translation>I MitID appen</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="58" />
        <source>MitID.dk without login</source>
        <translation>MitID.dk uden login</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="59" />
        <source>MitID.dk after login</source>
        <translation>MitID.dk efter login</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="60" />
        <source>MitID Support</source>
        <translation>MitID Support</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="61" />
        <source>Borgerservice</source>
        <translation>Borgerservice</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="67" />
        <source>App blocked</source>
        <translation>App spærret</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="68" />
        <source>All apps blocked</source>
        <translation>Alle apps spærret</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="69" />
        <source>Whole MitID blocked</source>
        <translation>Hele MitID spærret</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="70" />
        <source>Block reopened</source>
        <translation>Spærring genåbnet</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="71" />
        <source>MitID block lifted</source>
        <translation>MitID-spærring ophævet</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="72" />
        <source>User removed from app</source>
        <translation>Bruger fjernet fra app</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="73" />
        <source>New app activated</source>
        <translation>Ny app aktiveret</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="79" />
        <source>Booked</source>
        <translation>Booket</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="80" />
        <source>Checked in</source>
        <translation>Tjekket ind</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="81" />
        <source>Done</source>
        <translation>Færdig</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="82" />
        <source>No-show</source>
        <translation>Udeblevet</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="83" />
        <source>Cancelled</source>
        <translation>Aflyst</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="89" />
        <source>Passport</source>
        <translation>Pas</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="90" />
        <source>ID card</source>
        <translation>ID-kort</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="91" />
        <source>Residence card</source>
        <translation>Opholdskort</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="92" />
        <source>Driving licence</source>
        <translation>Kørekort</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary.py" line="93" />
        <source>Visa</source>
        <translation>Visum</translation>
    </message>
    <message>
        <source>Activation code handed out</source>
        <translation>Aktiveringskode udleveret</translation>
    </message>
    <message>
        <source>Device handed out</source>
        <translation>Enhed udleveret</translation>
    </message>
    <message>
        <source>Device blocked</source>
        <translation>Enhed spærret</translation>
    </message>
    <message>
        <source>User ID shown to the citizen</source>
        <translation>Bruger-id vist til borgeren</translation>
    </message>
    <message>
        <source>MitID issued</source>
        <translation>MitID udstedt</translation>
    </message>
    <message>
        <source>National ID card</source>
        <translation>Nationalt ID-kort</translation>
    </message>
    <message>
        <source>Driving licence app</source>
        <translation>Kørekort-app</translation>
    </message>
    <message>
        <source>Residence permit</source>
        <translation>Opholdstilladelse</translation>
    </message>
    <message>
        <source>Ministry of Foreign Affairs ID card</source>
        <translation>Udenrigsministeriets ID-kort</translation>
    </message>
    <message>
        <source>Municipal ID card</source>
        <translation>Kommunalt ID-kort</translation>
    </message>
    <message>
        <source>Health-insurance card</source>
        <translation>Sundhedskort</translation>
    </message>
    <message>
        <source>Health-card app</source>
        <translation>Sundhedskort-app</translation>
    </message>
    <message>
        <source>Special health card</source>
        <translation>Særligt sundhedskort</translation>
    </message>
    <message>
        <source>Residence certificate</source>
        <translation>Bopælsattest</translation>
    </message>
    <message>
        <source>Personal certificate</source>
        <translation>Personattest</translation>
    </message>
    <message>
        <source>Baptism certificate</source>
        <translation>Dåbsattest</translation>
    </message>
    <message>
        <source>Birth certificate</source>
        <translation>Fødselsattest</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>ikke nået</translation>
    </message>
    <message>
        <source>substantial</source>
        <translation>betydelig</translation>
    </message>
    <message>
        <source>high</source>
        <translation>høj</translation>
    </message>
    <message>
        <source>it has expired</source>
        <translation>det er udløbet</translation>
    </message>
    <message>
        <source>temporary documents never count</source>
        <translation>midlertidige dokumenter tæller aldrig</translation>
    </message>
    <message>
        <source>it must be shown as the physical document</source>
        <translation>det skal vises som det fysiske dokument</translation>
    </message>
    <message>
        <source>its CPR number is not the citizen&apos;s</source>
        <translation>CPR-nummeret er ikke borgerens</translation>
    </message>
    <message>
        <source>its identity check did not pass</source>
        <translation>dets identitetstjek bestod ikke</translation>
    </message>
    <message>
        <source>a photo ID counts with its expiry date: type it</source>
        <translation>billedlegitimation tæller kun med sin udløbsdato: skriv den</translation>
    </message>
    <message>
        <source>Blocking</source>
        <translation>Spærring</translation>
    </message>
    <message>
        <source>Activation code</source>
        <translation>Aktiveringskode</translation>
    </message>
    <message>
        <source>Showing the user ID</source>
        <translation>Visning af bruger-id</translation>
    </message>
    <message>
        <source>Lifting the MitID block</source>
        <translation>Ophævelse af MitID-spærring</translation>
    </message>
    <message>
        <source>A new MitID</source>
        <translation>Et nyt MitID</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <source>Walk-in: find the citizen</source>
        <translation>Uden tidsbestilling: find borgeren</translation>
    </message>
    <message>
        <source>Number %1 — find the citizen</source>
        <translation>Nummer %1 — find borgeren</translation>
    </message>
    <message>
        <source>CPR number</source>
        <translation>CPR-nummer</translation>
    </message>
    <message>
        <source>Name and birth date</source>
        <translation>Navn og fødselsdato</translation>
    </message>
    <message>
        <source>The checked document</source>
        <translation>Det tjekkede dokument</translation>
    </message>
    <message>
        <source>&amp;Search (Enter)</source>
        <translation>&amp;Søg (Enter)</translation>
    </message>
    <message>
        <source>S&amp;erve (Enter)</source>
        <translation>&amp;Betjen (Enter)</translation>
    </message>
    <message>
        <source>Not now (Esc)</source>
        <translation>Ikke nu (Esc)</translation>
    </message>
    <message>
        <source>Search by</source>
        <translation>Søg efter</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Fødselsdato</translation>
    </message>
    <message>
        <source>DDMMYY-SSSS</source>
        <translation>DDMMÅÅ-LLLL</translation>
    </message>
    <message>
        <source>Name, e.g. Søren Jensen</source>
        <translation>Navn, fx Søren Jensen</translation>
    </message>
    <message>
        <source>Counter visit</source>
        <translation>Henvendelse i Borgerservice</translation>
    </message>
    <message>
        <source>No document has been checked at this desk yet.</source>
        <translation>Der er endnu ikke tjekket et dokument ved denne skranke.</translation>
    </message>
    <message>
        <source>No citizen found.</source>
        <translation>Ingen borger fundet.</translation>
    </message>
    <message>
        <source>Search for the citizen first.</source>
        <translation>Søg først efter borgeren.</translation>
    </message>
    <message>
        <source>The citizen also has an appointment today at %1 for %2. It stays booked: served now as a walk-in.</source>
        <translation>Borgeren har også en tid i dag kl. %1 til %2. Den bliver stående: betjenes nu uden tid.</translation>
    </message>
    <message>
        <source>The citizen had an appointment today at %1 and is past the late window: served as a walk-in, the appointment counted as a late arrival.</source>
        <translation>Borgeren havde en aftale i dag kl. %1, men er kommet for sent til den: betjenes uden tid, og aftalen tæller som kommet for sent.</translation>
    </message>
    <message>
        <source>The citizen has an appointment today at %1 — served on the appointment, not as a walk-in.</source>
        <translation>Borgeren har en aftale i dag kl. %1 — betjenes på aftalen, ikke uden tid.</translation>
    </message>
    <message>
        <source>S&amp;erve on the appointment (Enter)</source>
        <translation>&amp;Betjen på aftalen (Enter)</translation>
    </message>
</context>
<context>
    <name>consequences</name>
    <message>
        <source>Stops working: %1.</source>
        <translation>Holder op med at virke: %1.</translation>
    </message>
    <message>
        <source>Keeps working: %1.</source>
        <translation>Virker fortsat: %1.</translation>
    </message>
    <message>
        <source>Works after this: %1.</source>
        <translation>Virker herefter: %1.</translation>
    </message>
    <message>
        <source>Stays permanently blocked (never reopened): %1.</source>
        <translation>Forbliver permanent spærret (kan aldrig genåbnes): %1.</translation>
    </message>
    <message>
        <source>Stays temporarily blocked (can be reopened): %1.</source>
        <translation>Forbliver midlertidigt spærret (kan genåbnes): %1.</translation>
    </message>
    <message>
        <source>Stays inactive: %1.</source>
        <translation>Forbliver inaktiv: %1.</translation>
    </message>
    <message>
        <source>Stays stopped by the whole-MitID block: %1.</source>
        <translation>Forbliver stoppet af spærringen af hele MitID: %1.</translation>
    </message>
    <message>
        <source>No MitID app will work: the citizen must activate a new app.</source>
        <translation>Ingen MitID app vil virke: borgeren skal aktivere en ny app.</translation>
    </message>
    <message>
        <source>After this, NONE of the citizen's methods works.</source>
        <translation>Herefter virker INGEN af borgerens identifikationsmidler.</translation>
    </message>
</context>
<context>
    <name>statistics</name>
    <message>
        <source>Late arrivals</source>
        <translation>Kom for sent</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Ydelse</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>Bookinger</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>Udeblevne</translation>
    </message>
    <message>
        <source>Called from the queue</source>
        <translation>Kaldt fra køen</translation>
    </message>
    <message>
        <source>Median wait</source>
        <translation>Median ventetid</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Kig i:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Filer af &amp;type:</translation>
    </message>
</context>
<context>
    <name>DeskPanels</name>
    <message>
        <source>Borgerservice Desk</source>
        <translation>Borgerservice Desk</translation>
    </message>
    <message>
        <source>The visit of {citizen} is still open. Finish the visit and go on to the next citizen?</source>
        <translation>Besøget for {citizen} er stadig åbent. Afslut besøget og gå videre til næste borger?</translation>
    </message>
    <message>
        <source>Finish visit and go on</source>
        <translation>Afslut besøget og gå videre</translation>
    </message>
    <message>
        <source>&amp;Today (Ctrl+1)</source>
        <translation>&amp;I dag (Ctrl+1)</translation>
    </message>
    <message>
        <source>&amp;Serving (Ctrl+2)</source>
        <translation>&amp;Betjening (Ctrl+2)</translation>
    </message>
    <message>
        <source>&amp;Find citizen (Ctrl+3)</source>
        <translation>&amp;Find borger (Ctrl+3)</translation>
    </message>
    <message>
        <source>&amp;Queue (Ctrl+4)</source>
        <translation>&amp;Kø (Ctrl+4)</translation>
    </message>
    <message>
        <source>Stat&amp;istics (Ctrl+5)</source>
        <translation>&amp;Statistik (Ctrl+5)</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <source>The desk is locked</source>
        <translation>Skranken er låst</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Lås op</translation>
    </message>
    <message>
        <source>Locked for {name}. {name} or a supervisor types a password to go on.</source>
        <translation>Låst for {name}. {name} eller en supervisor skriver sin adgangskode for at fortsætte.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Kontrollerer …</translation>
    </message>
    <message>
        <source>No password can be checked until the database answers again. You can close the desk instead: the program ends as with Quit, and the next start asks for a sign-in.</source>
        <translation>Ingen adgangskode kan kontrolleres, før databasen svarer igen. Du kan i stedet lukke skranken: programmet afsluttes som ved Afslut, og ved næste start skal der logges ind.</translation>
    </message>
    <message>
        <source>&amp;Close the desk</source>
        <translation>Luk &amp;skranken</translation>
    </message>
</context>
<context>
    <name>TakeOverDialog</name>
    <message>
        <source>Supervisor takes over</source>
        <translation>Supervisor overtager</translation>
    </message>
    <message>
        <source>A supervisor signs in to act at this desk. {name}'s visit stays open and is handed back as it is.</source>
        <translation>En supervisor logger ind for at handle ved denne skranke. Besøget hos {name} forbliver åbent og gives tilbage, som det er.</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>Overtag</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Kontrollerer …</translation>
    </message>
</context>
<context>
    <name>desk_session</name>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;Brugernavn</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Adgangskode</translation>
    </message>
</context>
<context>
    <name>ServiceCalls</name>
    <message>
        <source>Working…</source>
        <translation>Arbejder …</translation>
    </message>
</context>
<context>
    <name>DoubtPanel</name>
    <message>
        <source>The characters marked in yellow were compared with the document and confirmed.</source>
        <translation>De gulmarkerede tegn er sammenholdt med dokumentet og bekræftet.</translation>
    </message>
    <message>
        <source>it looks like another character, and no check digit covers it</source>
        <translation>det ligner et andet tegn, og intet kontrolciffer dækker det</translation>
    </message>
    <message>
        <source>Characters marked in yellow were read with doubt: compare them with the document and confirm them (Space), or correct the lines.</source>
        <translation>Tegn markeret med gult er læst med usikkerhed: sammenlign dem med dokumentet og bekræft dem (mellemrum), eller ret linjerne.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; (line %2, character %3)</source>
        <translation>&apos;%1&apos; (linje %2, tegn %3)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; (line %2, characters %3-%4)</source>
        <translation>&apos;%1&apos; (linje %2, tegn %3-%4)</translation>
    </message>
    <message>
        <source>%1: %2 is as on the document</source>
        <translation>%1: %2 står som på dokumentet</translation>
    </message>
    <message>
        <source>not a known country code</source>
        <translation>ikke en kendt landekode</translation>
    </message>
    <message>
        <source>a letter among the fillers</source>
        <translation>et bogstav blandt fyldtegnene</translation>
    </message>
    <message>
        <source>the issuer uses no such letter in its document numbers</source>
        <translation>udstederen bruger ikke det bogstav i sine dokumentnumre</translation>
    </message>
    <message>
        <source>an unusual document code</source>
        <translation>en usædvanlig dokumentkode</translation>
    </message>
    <message>
        <source>the check digit cannot tell it from a look-alike</source>
        <translation>kontrolcifferet kan ikke skelne det fra et tegn, der ligner</translation>
    </message>
    <message>
        <source>the check digit may pass by chance</source>
        <translation>kontrolcifferet kan passe ved et tilfælde</translation>
    </message>
    <message>
        <source>a second reading gave another character that fits as well</source>
        <translation>en anden læsning gav et andet tegn, der også passer</translation>
    </message>
    <message>
        <source>more than %1 years ahead: longer than documents are usually valid</source>
        <translation>mere end %1 år ude i fremtiden: længere end dokumenter normalt er gyldige</translation>
    </message>
</context>
<context>
    <name>BlockDeviceDialog</name>
    <message>
        <source>Block a device</source>
        <translation>Spær en enhed</translation>
    </message>
    <message>
        <source>%1 stops working at once. A lost or stolen device is blocked for good.</source>
        <translation>%1 holder op med at virke med det samme. En mistet eller stjålet enhed spærres for altid.</translation>
    </message>
    <message>
        <source>&amp;Block device</source>
        <translation>&amp;Spær enhed</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Årsag</translation>
    </message>
</context>
<context>
    <name>ChooseAppDialog</name>
    <message>
        <source>Three apps are active</source>
        <translation>Tre apps er aktive</translation>
    </message>
    <message>
        <source>A new activation code needs one of the three active apps blocked first. Which one?</source>
        <translation>En ny aktiveringskode kræver, at en af de tre aktive apps spærres først. Hvilken?</translation>
    </message>
    <message>
        <source>&amp;Block this app…</source>
        <translation>&amp;Spær denne app…</translation>
    </message>
    <message>
        <source>&amp;App</source>
        <translation>&amp;App</translation>
    </message>
</context>
<context>
    <name>CitizenWindow</name>
    <message>
        <source>For the citizen</source>
        <translation>Til borgeren</translation>
    </message>
    <message>
        <source>%1, your MitID user ID is:</source>
        <translation>%1, dit MitID-bruger-id er:</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Luk (Esc)</translation>
    </message>
</context>
<context>
    <name>CodeDialog</name>
    <message>
        <source>Activation code for the citizen</source>
        <translation>Aktiveringskode til borgeren</translation>
    </message>
    <message>
        <source>Give the citizen the printed slip. The code is shown only now and is kept nowhere; it is valid until %1.</source>
        <translation>Giv borgeren den udskrevne seddel. Koden vises kun nu og gemmes intetsteds; den er gyldig til %1.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source>&amp;Print slip… (Ctrl+P)</source>
        <translation>&amp;Udskriv seddel… (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Save slip…</source>
        <translation>&amp;Gem seddel…</translation>
    </message>
    <message>
        <source>Save the slip</source>
        <translation>Gem sedlen</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <source>Add a document</source>
        <translation>Tilføj et dokument</translation>
    </message>
    <message>
        <source>Type the document as the citizen shows it. A passport, ID card, residence permit or driving licence goes through the identity check instead.</source>
        <translation>Indtast dokumentet, som borgeren viser det. Pas, ID-kort, opholdstilladelse og kørekort går i stedet gennem identitetstjekket.</translation>
    </message>
    <message>
        <source>&amp;Add document</source>
        <translation>&amp;Tilføj dokument</translation>
    </message>
    <message>
        <source>optional; only the last four characters are kept</source>
        <translation>valgfrit; kun de sidste fire tegn gemmes</translation>
    </message>
    <message>
        <source>as printed on it; empty if it shows none</source>
        <translation>som trykt på det; tomt, hvis det ikke viser noget</translation>
    </message>
    <message>
        <source>It has an &amp;expiry date</source>
        <translation>Det har en &amp;udløbsdato</translation>
    </message>
    <message>
        <source>&amp;Temporary document</source>
        <translation>&amp;Midlertidigt dokument</translation>
    </message>
    <message>
        <source>Shown as the &amp;physical document (or the official app)</source>
        <translation>Vist som det &amp;fysiske dokument (eller den officielle app)</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <source>&amp;Issued by (country code)</source>
        <translation>&amp;Udstedt af (landekode)</translation>
    </message>
    <message>
        <source>Document &amp;number</source>
        <translation>Dokument&amp;nummer</translation>
    </message>
    <message>
        <source>&amp;CPR number shown</source>
        <translation>&amp;CPR-nummer på dokumentet</translation>
    </message>
</context>
<context>
    <name>ErrandDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
</context>
<context>
    <name>IssueMitidDialog</name>
    <message>
        <source>Issue a MitID</source>
        <translation>Udsted et MitID</translation>
    </message>
    <message>
        <source>The citizen has no MitID. They get one now, with its first method.</source>
        <translation>Borgeren har intet MitID. Borgeren får et nu, med sit første identifikationsmiddel.</translation>
    </message>
    <message>
        <source>&amp;Issue MitID</source>
        <translation>&amp;Udsted MitID</translation>
    </message>
    <message>
        <source>MitID &amp;app: an activation code is handed out now</source>
        <translation>MitID-&amp;app: en aktiveringskode udleveres nu</translation>
    </message>
    <message>
        <source>A &amp;device from the centre&apos;s stock</source>
        <translation>En &amp;enhed fra borgerservicens lager</translation>
    </message>
    <message>
        <source>as printed on the device</source>
        <translation>som trykt på enheden</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Borger</translation>
    </message>
    <message>
        <source>&amp;Serial number</source>
        <translation>&amp;Serienummer</translation>
    </message>
</context>
<context>
    <name>QuestionsDialog</name>
    <message>
        <source>Control questions</source>
        <translation>Kontrolspørgsmål</translation>
    </message>
    <message>
        <source>Read each question out. Do not show this screen to the citizen: the expected answers are for you only. %1 of %2 must be right.</source>
        <translation>Læs hvert spørgsmål højt. Vis ikke denne skærm til borgeren: de forventede svar er kun til dig. %1 af %2 skal være rigtige.</translation>
    </message>
    <message>
        <source>&amp;Save the marks</source>
        <translation>&amp;Gem bedømmelsen</translation>
    </message>
    <message>
        <source>Expected (for you only): %1</source>
        <translation>Forventet (kun til dig): %1</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Rigtigt</translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation>Forkert</translation>
    </message>
    <message>
        <source>In which town did you live in %1?</source>
        <translation>I hvilken by boede du i %1?</translation>
    </message>
    <message>
        <source>What is your mother&apos;s first name?</source>
        <translation>Hvad er din mors fornavn?</translation>
    </message>
    <message>
        <source>What is your father&apos;s first name?</source>
        <translation>Hvad er din fars fornavn?</translation>
    </message>
    <message>
        <source>Where were you born?</source>
        <translation>Hvor er du født?</translation>
    </message>
</context>
<context>
    <name>RecoveryPanel</name>
    <message>
        <source>Identity and new methods</source>
        <translation>Identitet og nye identifikationsmidler</translation>
    </message>
    <message>
        <source>Document…</source>
        <translation>Dokument…</translation>
    </message>
    <message>
        <source>Questions…</source>
        <translation>Spørgsmål…</translation>
    </message>
    <message>
        <source>Witness…</source>
        <translation>Vidne…</translation>
    </message>
    <message>
        <source>Activation code…</source>
        <translation>Aktiveringskode…</translation>
    </message>
    <message>
        <source>Hand out device…</source>
        <translation>Udlever enhed…</translation>
    </message>
    <message>
        <source>Block device…</source>
        <translation>Spær enhed…</translation>
    </message>
    <message>
        <source>Show user ID…</source>
        <translation>Vis bruger-id…</translation>
    </message>
    <message>
        <source>Issue MitID…</source>
        <translation>Udsted MitID…</translation>
    </message>
    <message>
        <source>Identity level: no visit.</source>
        <translation>Sikringsniveau: intet besøg.</translation>
    </message>
    <message>
        <source>control questions answered</source>
        <translation>kontrolspørgsmål besvaret</translation>
    </message>
    <message>
        <source>a witness accepted</source>
        <translation>et vidne godkendt</translation>
    </message>
    <message>
        <source>no control questions or witness yet</source>
        <translation>endnu ingen kontrolspørgsmål eller vidne</translation>
    </message>
    <message>
        <source>Identity level: %1. %2 document(s) count; %3.</source>
        <translation>Sikringsniveau: %1. %2 dokument(er) tæller; %3.</translation>
    </message>
    <message>
        <source>Can be done: %1.</source>
        <translation>Kan udføres: %1.</translation>
    </message>
    <message>
        <source>%1: missing %2.</source>
        <translation>%1: mangler %2.</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>Mangler: %1</translation>
    </message>
    <message>
        <source>The citizen already has a MitID.</source>
        <translation>Borgeren har allerede et MitID.</translation>
    </message>
    <message>
        <source>The citizen has no MitID.</source>
        <translation>Borgeren har intet MitID.</translation>
    </message>
    <message>
        <source>%1 was recorded but does not count: %2.</source>
        <translation>%1 er registreret, men tæller ikke: %2.</translation>
    </message>
    <message>
        <source>%1 counts; its CPR number is the citizen&apos;s.</source>
        <translation>%1 tæller; CPR-nummeret er borgerens.</translation>
    </message>
    <message>
        <source>%1 counts.</source>
        <translation>%1 tæller.</translation>
    </message>
    <message>
        <source>%1 of %2 answers right (%3 needed).</source>
        <translation>%1 af %2 svar rigtige (%3 krævet).</translation>
    </message>
    <message>
        <source>The control questions are passed.</source>
        <translation>Kontrolspørgsmålene er bestået.</translation>
    </message>
    <message>
        <source>Not passed: draw new questions, or use a witness.</source>
        <translation>Ikke bestået: træk nye spørgsmål, eller brug et vidne.</translation>
    </message>
    <message>
        <source>The witness is accepted (%1 of 3 people within 120 days).</source>
        <translation>Vidnet er godkendt (%1 af 3 personer inden for 120 dage).</translation>
    </message>
    <message>
        <source>Recorded as a professional witness.</source>
        <translation>Registreret som professionelt vidne.</translation>
    </message>
    <message>
        <source>Working, and writing the receipt…</source>
        <translation>Arbejder og skriver kvitteringen…</translation>
    </message>
    <message>
        <source>%1. Receipt %2 is archived.</source>
        <translation>%1. Kvittering %2 er arkiveret.</translation>
    </message>
    <message>
        <source>%1. Receipt %2 could not be put in the archive: print it now. The desk files it when it starts next time.</source>
        <translation>%1. Kvittering %2 kunne ikke lægges i arkivet: udskriv den nu. Skranken arkiverer den, næste gang den starter.</translation>
    </message>
    <message>
        <source>Activation code for a new MitID app</source>
        <translation>Aktiveringskode til en ny MitID app</translation>
    </message>
    <message>
        <source>A new activation code is made for %1. It is shown once, for the citizen, with a slip to print; an unused earlier code stops working.</source>
        <translation>Der laves en ny aktiveringskode til %1. Den vises én gang, til borgeren, med en seddel til udskrift; en ubrugt tidligere kode holder op med at virke.</translation>
    </message>
    <message>
        <source>&amp;Make code</source>
        <translation>&amp;Lav kode</translation>
    </message>
    <message>
        <source>Hand out a device</source>
        <translation>Udlever en enhed</translation>
    </message>
    <message>
        <source>A code display, audio code reader or chip from the centre&apos;s stock is tied to %1&apos;s MitID.</source>
        <translation>En kodeviser, kodeoplæser eller chip fra borgerservicens lager knyttes til %1s MitID.</translation>
    </message>
    <message>
        <source>&amp;Hand out</source>
        <translation>&amp;Udlever</translation>
    </message>
    <message>
        <source>Choose the code display, audio code reader or chip in the list of methods first.</source>
        <translation>Vælg først kodeviseren, kodeoplæseren eller chippen i listen over identifikationsmidler.</translation>
    </message>
    <message>
        <source>Show the user ID to the citizen</source>
        <translation>Vis bruger-id til borgeren</translation>
    </message>
    <message>
        <source>The user ID opens in a window for the citizen only: turn the screen towards them, or move the window to the citizen&apos;s screen. It is never printed; the showing is recorded.</source>
        <translation>Bruger-id åbnes i et vindue kun til borgeren: vend skærmen mod borgeren, eller flyt vinduet til borgerens skærm. Det udskrives aldrig; visningen registreres.</translation>
    </message>
    <message>
        <source>&amp;Show to the citizen</source>
        <translation>&amp;Vis til borgeren</translation>
    </message>
</context>
<context>
    <name>SerialDialog</name>
    <message>
        <source>as printed on the device</source>
        <translation>som trykt på enheden</translation>
    </message>
    <message>
        <source>&amp;Serial number</source>
        <translation>&amp;Serienummer</translation>
    </message>
</context>
<context>
    <name>WitnessDialog</name>
    <message>
        <source>Accept a witness</source>
        <translation>Godkend et vidne</translation>
    </message>
    <message>
        <source>The witness is at least 18, has had MitID for more than 30 days, and vouches for at most 3 people within 120 days. The register is looked up by their CPR number.</source>
        <translation>Vidnet er mindst 18 år, har haft MitID i mere end 30 dage og vidner for højst 3 personer inden for 120 dage. Registret slås op på vidnets CPR-nummer.</translation>
    </message>
    <message>
        <source>&amp;Accept witness</source>
        <translation>&amp;Godkend vidne</translation>
    </message>
    <message>
        <source>the witness&apos;s CPR number</source>
        <translation>vidnets CPR-nummer</translation>
    </message>
    <message>
        <source>The witness showed valid &amp;photo ID</source>
        <translation>Vidnet viste gyldig &amp;billedlegitimation</translation>
    </message>
    <message>
        <source>The witness showed their own &amp;MitID working</source>
        <translation>Vidnet viste sit eget &amp;MitID i brug</translation>
    </message>
    <message>
        <source>P&amp;rofessional witness (e.g. a guardian or a care worker)</source>
        <translation>P&amp;rofessionelt vidne (f.eks. værge eller plejepersonale)</translation>
    </message>
    <message>
        <source>For</source>
        <translation>For</translation>
    </message>
    <message>
        <source>Witness&apos;s &amp;CPR number</source>
        <translation>Vidnets &amp;CPR-nummer</translation>
    </message>
    <message>
        <source>&amp;Find witness</source>
        <translation>&amp;Find vidne</translation>
    </message>
    <message>
        <source>Type the CPR number and press Enter to see whose record it finds.</source>
        <translation>Skriv CPR-nummeret, og tryk Enter for at se, hvis oplysninger det finder i registret.</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Fundet</translation>
    </message>
    <message>
        <source>Looking up the witness…</source>
        <translation>Slår vidnet op…</translation>
    </message>
    <message>
        <source>%1, born %2 (CPR %3)</source>
        <translation>%1, født %2 (CPR %3)</translation>
    </message>
    <message>
        <source>Cannot be a witness: %1</source>
        <translation>Kan ikke være vidne: %1</translation>
    </message>
</context>
</TS>