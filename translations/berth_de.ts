<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Berth::ActionsController</name>
    <message>
        <source>Select All</source>
        <translation>Alles auswählen</translation>
    </message>
    <message numerus="yes">
        <source>All %n tag(s) of %1 are selected: loading those not loaded yet…</source>
        <translation>
            <numerusform>Das %n Tag von %1 ist ausgewählt: noch nicht geladene werden geladen…</numerusform>
            <numerusform>Alle %n Tags von %1 sind ausgewählt: noch nicht geladene werden geladen…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n manifest(s) of %1 are selected: loading those not loaded yet…</source>
        <translation>
            <numerusform>Das %n Manifest von %1 ist ausgewählt: noch nicht geladene werden geladen…</numerusform>
            <numerusform>Alle %n Manifeste von %1 sind ausgewählt: noch nicht geladene werden geladen…</numerusform>
        </translation>
    </message>
    <message>
        <source>All tags of %1 are selected: loading those not loaded yet…</source>
        <translation>Alle Tags von %1 sind ausgewählt: noch nicht geladene werden geladen…</translation>
    </message>
    <message>
        <source>All manifests of %1 are selected: loading those not loaded yet…</source>
        <translation>Alle Manifeste von %1 sind ausgewählt: noch nicht geladene werden geladen…</translation>
    </message>
    <message>
        <source>Not every row could be loaded: nothing was changed.</source>
        <translation>Nicht alle Zeilen konnten geladen werden: Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>Kopiert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Copied %1 (%n items)</source>
        <translation>
            <numerusform>Kopiert: %1 (%n Element)</numerusform>
            <numerusform>Kopiert: %1 (%n Elemente)</numerusform>
        </translation>
    </message>
    <message>
        <source>registry</source>
        <translation>Registry</translation>
    </message>
    <message>
        <source>repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>pull references</source>
        <translation>Pull-Referenzen</translation>
    </message>
    <message>
        <source>digests</source>
        <translation>Digests</translation>
    </message>
    <message>
        <source>Manifests are locked one at a time.</source>
        <translation>Manifeste werden einzeln gesperrt.</translation>
    </message>
    <message>
        <source>Could not read the attributes of %1</source>
        <translation>Die Attribute von %1 konnten nicht gelesen werden</translation>
    </message>
    <message>
        <source>Manifests are deleted one at a time.</source>
        <translation>Manifeste werden einzeln gelöscht.</translation>
    </message>
    <message>
        <source>Deleted repository %1</source>
        <translation>Repository %1 gelöscht</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n item(s) from %1</source>
        <translation>
            <numerusform>%n Element aus %1 gelöscht</numerusform>
            <numerusform>%n Elemente aus %1 gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>pull commands</source>
        <translation>Pull-Befehle</translation>
    </message>
    <message>
        <source>Not every manifest could be loaded: nothing was selected.</source>
        <translation>Nicht alle Manifeste konnten geladen werden: Nichts wurde ausgewählt.</translation>
    </message>
</context>
<context>
    <name>Berth::Auth</name>
    <message>
        <source>The registry asks for a username and password.</source>
        <translation>Die Registry verlangt einen Benutzernamen und ein Passwort.</translation>
    </message>
    <message>
        <source>Refusing to send a password over plain http.</source>
        <translation>Ein Passwort wird nicht über unverschlüsseltes http gesendet.</translation>
    </message>
    <message>
        <source>The registry refused access and named no way to sign in.</source>
        <translation>Die Registry hat den Zugriff abgelehnt und keine Anmeldemöglichkeit genannt.</translation>
    </message>
    <message>
        <source>The registry asks for an unsupported sign-in scheme (%1).</source>
        <translation>Die Registry verlangt ein nicht unterstütztes Anmeldeverfahren (%1).</translation>
    </message>
    <message>
        <source>The registry&apos;s sign-in challenge names no usable token endpoint (realm).</source>
        <translation>Die Anmeldeaufforderung der Registry nennt keinen verwendbaren Token-Endpunkt (realm).</translation>
    </message>
    <message>
        <source>Refusing to ask for a token over plain http at %1.</source>
        <translation>Ein Token wird nicht über unverschlüsseltes http bei %1 angefordert.</translation>
    </message>
    <message>
        <source>The registry refused the credentials: %1</source>
        <translation>Die Registry hat die Zugangsdaten abgelehnt: %1</translation>
    </message>
    <message>
        <source>The token endpoint answered without a %1.</source>
        <translation>Der Token-Endpunkt hat ohne %1 geantwortet.</translation>
    </message>
    <message>
        <source>The token endpoint answered with a malformed %1 (it holds characters a token may not have).</source>
        <translation>Der Token-Endpunkt hat mit einem fehlerhaften %1 geantwortet (es enthält Zeichen, die ein Token nicht haben darf).</translation>
    </message>
    <message>
        <source>The registry sends sign-in to another server, %1. Azure tokens go only to the registry itself; not sending it.</source>
        <translation>Die Registry leitet die Anmeldung an einen anderen Server weiter, %1. Azure-Token gehen nur an die Registry selbst; es wird nicht gesendet.</translation>
    </message>
    <message>
        <source>The registry sends sign-in to another server, %1. Berth sends your password there only once you trust that server for this registry.</source>
        <translation>Die Registry leitet die Anmeldung an einen anderen Server weiter, %1. Berth sendet Ihr Passwort erst dorthin, wenn Sie diesem Server für diese Registry vertrauen.</translation>
    </message>
</context>
<context>
    <name>Berth::AzureCliToken</name>
    <message numerus="yes">
        <source>The Azure CLI did not answer within %n second(s); run &quot;az login&quot; in a terminal, then try again, or paste a token.</source>
        <translation>
            <numerusform>Die Azure CLI hat nicht innerhalb von %n Sekunde geantwortet; führen Sie „az login“ in einem Terminal aus und versuchen Sie es dann erneut, oder fügen Sie ein Token ein.</numerusform>
            <numerusform>Die Azure CLI hat nicht innerhalb von %n Sekunden geantwortet; führen Sie „az login“ in einem Terminal aus und versuchen Sie es dann erneut, oder fügen Sie ein Token ein.</numerusform>
        </translation>
    </message>
    <message>
        <source>The Azure CLI (az) was not found. Install it and run &quot;az login&quot;, or paste an access token.</source>
        <translation>Die Azure CLI (az) wurde nicht gefunden. Installieren Sie sie und führen Sie „az login“ aus, oder fügen Sie ein Zugriffstoken ein.</translation>
    </message>
    <message>
        <source>The Azure CLI failed: %1</source>
        <translation>Die Azure CLI ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The Azure CLI stopped unexpectedly.</source>
        <translation>Die Azure CLI wurde unerwartet beendet.</translation>
    </message>
    <message>
        <source>The Azure CLI gave no token (exit code %1).</source>
        <translation>Die Azure CLI hat kein Token geliefert (Exit-Code %1).</translation>
    </message>
    <message>
        <source>The Azure CLI gave no token: %1</source>
        <translation>Die Azure CLI hat kein Token geliefert: %1</translation>
    </message>
</context>
<context>
    <name>Berth::BatchDialog</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>Berth::Cleanup</name>
    <message>
        <source>its manifest was not deleted</source>
        <translation>sein Manifest wurde nicht gelöscht</translation>
    </message>
    <message>
        <source>not attempted: a tag of it could not be untagged</source>
        <translation>nicht versucht: eines seiner Tags konnte nicht entfernt werden</translation>
    </message>
    <message>
        <source>not attempted: an index of the repository stayed, it may list this manifest</source>
        <translation>nicht versucht: ein Index des Repositorys blieb, er könnte dieses Manifest aufführen</translation>
    </message>
    <message>
        <source>locked: %1</source>
        <translation>gesperrt: %1</translation>
    </message>
    <message>
        <source>repository locked: %1</source>
        <translation>Repository gesperrt: %1</translation>
    </message>
    <message>
        <source>--filter takes REPO_REGEX:TAG_REGEX, not &quot;%1&quot;.</source>
        <translation>--filter erwartet REPO_REGEX:TAG_REGEX, nicht „%1“.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a regular expression: %2</source>
        <translation>„%1“ ist kein regulärer Ausdruck: %2</translation>
    </message>
    <message>
        <source>no last update time (the registry does not tell)</source>
        <translation>keine Zeit der letzten Änderung (die Registry nennt sie nicht)</translation>
    </message>
    <message>
        <source>among the %1 newest candidates (--keep)</source>
        <translation>unter den %1 neuesten Kandidaten (--keep)</translation>
    </message>
    <message>
        <source>all its tags go (the registry cannot untag)</source>
        <translation>alle seine Tags werden entfernt (die Registry kann Tags nicht einzeln entfernen)</translation>
    </message>
    <message>
        <source>untagged by this plan</source>
        <translation>durch diesen Plan ohne Tag</translation>
    </message>
    <message>
        <source>untagged</source>
        <translation>ohne Tag</translation>
    </message>
    <message>
        <source>a platform of kept index %1</source>
        <translation>eine Plattform des bleibenden Index %1</translation>
    </message>
    <message>
        <source>its manifest stays and the registry cannot untag</source>
        <translation>sein Manifest bleibt, und die Registry kann Tags nicht einzeln entfernen</translation>
    </message>
    <message>
        <source>matches the filter, older than --ago</source>
        <translation>passt zum Filter, älter als --ago</translation>
    </message>
    <message>
        <source>matches the filter</source>
        <translation>passt zum Filter</translation>
    </message>
    <message>
        <source>an index of the repository was kept, it may list this manifest</source>
        <translation>ein Index des Repositorys blieb, er kann dieses Manifest auflisten</translation>
    </message>
    <message>
        <source>moved to %1 after planning</source>
        <translation>nach der Planung auf %1 umgesetzt</translation>
    </message>
    <message>
        <source>still tagged: %1</source>
        <translation>noch getaggt: %1</translation>
    </message>
    <message>
        <source>referenced by index %1 (pushed after the plan)</source>
        <translation>von Index %1 referenziert (nach der Planung gepusht)</translation>
    </message>
    <message>
        <source>not attempted: the repository could not be read again (%1)</source>
        <translation>nicht versucht: das Repository konnte nicht erneut gelesen werden (%1)</translation>
    </message>
    <message>
        <source>its manifest was kept</source>
        <translation>sein Manifest wurde behalten</translation>
    </message>
</context>
<context>
    <name>Berth::CleanupDialog</name>
    <message>
        <source>Clean Up</source>
        <translation>Aufräumen</translation>
    </message>
    <message>
        <source>A regular expression matched against the whole repository name</source>
        <translation>Ein regulärer Ausdruck, der auf den ganzen Repository-Namen passen muss</translation>
    </message>
    <message>
        <source>A regular expression matched against the whole tag</source>
        <translation>Ein regulärer Ausdruck, der auf das ganze Tag passen muss</translation>
    </message>
    <message>
        <source>any age, or e.g. 30d, 2d3h, 90m</source>
        <translation>jedes Alter, oder z. B. 30d, 2d3h, 90m</translation>
    </message>
    <message>
        <source>Only tags last updated longer ago than this</source>
        <translation>Nur Tags, die zuletzt vor längerer Zeit als dieser geändert wurden</translation>
    </message>
    <message>
        <source>The newest matching tags per repository that stay</source>
        <translation>Die neuesten passenden Tags je Repository, die bleiben</translation>
    </message>
    <message>
        <source>Also delete untagged manifests (never the platforms of an index that stays)</source>
        <translation>Auch Manifeste ohne Tag löschen (nie die Plattformen eines Index, der bleibt)</translation>
    </message>
    <message>
        <source>&amp;Repositories:</source>
        <translation>&amp;Repositorys:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>&amp;Tags:</translation>
    </message>
    <message>
        <source>&amp;Older than:</source>
        <translation>Ä&amp;lter als:</translation>
    </message>
    <message>
        <source>&amp;Keep newest:</source>
        <translation>Neueste &amp;behalten:</translation>
    </message>
    <message>
        <source>&amp;Run…</source>
        <translation>&amp;Ausführen…</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>Plane…</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a regular expression: %2</source>
        <translation>„%1“ ist kein regulärer Ausdruck: %2</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>er ist leer</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a duration such as 30d, 2d3h or 90m.</source>
        <translation>„%1“ ist keine Dauer wie 30d, 2d3h oder 90m.</translation>
    </message>
    <message>
        <source>Planning stopped: change the rule to plan again.</source>
        <translation>Planung angehalten: Ändern Sie die Regel, um neu zu planen.</translation>
    </message>
    <message>
        <source>Would untag %1 and delete %2, freeing %3; %4 kept.</source>
        <translation>Würde %1 entfernen und %2 löschen, %3 frei; %4 bleiben.</translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n Manifest</numerusform>
            <numerusform>%n Manifeste</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>Untag %1 and delete %2, freeing %3? %4 stay.</source>
        <translation>%1 entfernen und %2 löschen, %3 frei? %4 bleiben.</translation>
    </message>
    <message>
        <source>This cannot be undone: most registries keep no copy of what is deleted. An item that changed since the preview (tagged, moved, locked, or listed by a new index) is kept.</source>
        <translation>Das lässt sich nicht rückgängig machen: Die meisten Registrys behalten keine Kopie des Gelöschten. Was sich seit der Vorschau geändert hat (getaggt, umgesetzt, gesperrt oder von einem neuen Index aufgeführt), bleibt.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Lösche…</translation>
    </message>
    <message>
        <source>Stopped: what finished before is shown in the list; plan again to go on.</source>
        <translation>Angehalten: Was bis dahin fertig war, zeigt die Liste; planen Sie neu, um weiterzumachen.</translation>
    </message>
    <message>
        <source>Untagged %1 and deleted %2, freeing %3; %4 kept, %5 failed.</source>
        <translation>%1 entfernt und %2 gelöscht, %3 frei; %4 geblieben, %5 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Some items could not be deleted: see the Outcome column.</source>
        <translation>Einiges ließ sich nicht löschen: siehe die Spalte Ergebnis.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
</context>
<context>
    <name>Berth::CleanupPreviewModel</name>
    <message>
        <source>kept: %1</source>
        <translation>geblieben: %1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>untagged</source>
        <translation>Tag entfernt</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>Untag</source>
        <translation>Tag entfernen</translation>
    </message>
    <message>
        <source>Delete index</source>
        <translation>Index löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>Berth::ConnectionDialog</name>
    <message>
        <source>Connect to a Registry</source>
        <translation>Mit einer Registry verbinden</translation>
    </message>
    <message>
        <source>Got an access token from the Azure CLI (it is valid for about an hour).</source>
        <translation>Zugriffstoken von der Azure CLI erhalten (es ist etwa eine Stunde gültig).</translation>
    </message>
    <message>
        <source>myregistry.azurecr.io</source>
        <translation>myregistry.azurecr.io</translation>
    </message>
    <message>
        <source>&amp;Registry:</source>
        <translation>&amp;Registry:</translation>
    </message>
    <message>
        <source>Optional; the host name if empty</source>
        <translation>Optional; ohne Angabe der Hostname</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>Anonym</translation>
    </message>
    <message>
        <source>User name and password or token</source>
        <translation>Benutzername und Passwort oder Token</translation>
    </message>
    <message>
        <source>ACR refresh token</source>
        <translation>ACR-Aktualisierungstoken</translation>
    </message>
    <message>
        <source>Azure AD access token</source>
        <translation>Azure AD-Zugriffstoken</translation>
    </message>
    <message>
        <source>&amp;Sign in with:</source>
        <translation>&amp;Anmelden mit:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>&amp;Mandant:</translation>
    </message>
    <message>
        <source>&amp;Get from Azure CLI</source>
        <translation>Aus der Azure CLI &amp;holen</translation>
    </message>
    <message>
        <source>Runs &quot;az account get-access-token&quot; (you must have run &quot;az login&quot;).</source>
        <translation>Führt „az account get-access-token“ aus (zuvor muss „az login“ ausgeführt worden sein).</translation>
    </message>
    <message>
        <source>Optional: extra trusted CA certificates (PEM)</source>
        <translation>Optional: zusätzliche vertrauenswürdige CA-Zertifikate (PEM)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>Allow plain &amp;http (unencrypted; secrets could be read on the way)</source>
        <translation>&amp;Unverschlüsseltes http zulassen (Geheimnisse könnten unterwegs mitgelesen werden)</translation>
    </message>
    <message>
        <source>R&amp;emember this registry (the secret goes to the system keychain, never to a file)</source>
        <translation>Diese Registry m&amp;erken (das Geheimnis kommt in den Schlüsselbund des Systems, nie in eine Datei)</translation>
    </message>
    <message>
        <source>Test &amp;Connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>Verb&amp;inden</translation>
    </message>
    <message>
        <source>CA Certificates</source>
        <translation>CA-Zertifikate</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Password or token:</source>
        <translation>&amp;Passwort oder Token:</translation>
    </message>
    <message>
        <source>&amp;Refresh token:</source>
        <translation>A&amp;ktualisierungstoken:</translation>
    </message>
    <message>
        <source>&amp;Access token:</source>
        <translation>&amp;Zugriffstoken:</translation>
    </message>
    <message>
        <source>Plain http to %1 is refused: use https, or allow plain http below.</source>
        <translation>Unverschlüsseltes http zu %1 wird abgelehnt: Verwenden Sie https, oder lassen Sie unten unverschlüsseltes http zu.</translation>
    </message>
    <message>
        <source>Put the user name and password in the sign-in fields, not in the URL.</source>
        <translation>Geben Sie Benutzername und Passwort in den Anmeldefeldern ein, nicht in der URL.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a registry address (expected e.g. myregistry.azurecr.io).</source>
        <translation>„%1“ ist keine Registry-Adresse (erwartet z. B. myregistry.azurecr.io).</translation>
    </message>
    <message>
        <source>There is no readable file %1.</source>
        <translation>Es gibt keine lesbare Datei %1.</translation>
    </message>
    <message>
        <source>Saved in the keychain; leave empty to keep it</source>
        <translation>Im Schlüsselbund gespeichert; leer lassen, um es beizubehalten</translation>
    </message>
    <message>
        <source>Reading the saved secret from the keychain…</source>
        <translation>Gespeichertes Geheimnis wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>The saved secret could not be read: %1 Enter it again.</source>
        <translation>Das gespeicherte Geheimnis konnte nicht gelesen werden: %1 Geben Sie es erneut ein.</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Verbindung nicht möglich: %1</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Verbindung wird getestet…</translation>
    </message>
    <message>
        <source>Azure Container Registry</source>
        <translation>Azure Container Registry</translation>
    </message>
    <message>
        <source>OCI registry (no ACR metadata API)</source>
        <translation>OCI-Registry (keine ACR-Metadaten-API)</translation>
    </message>
    <message>
        <source>bearer token auth</source>
        <translation>Bearer-Token-Authentifizierung</translation>
    </message>
    <message>
        <source>basic auth</source>
        <translation>Basic-Authentifizierung</translation>
    </message>
    <message>
        <source>no sign-in required</source>
        <translation>keine Anmeldung erforderlich</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>The connection failed: %1</source>
        <translation>Die Verbindung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Asking the Azure CLI for an access token…</source>
        <translation>Zugriffstoken wird von der Azure CLI angefordert…</translation>
    </message>
    <message>
        <source>There is no keychain to keep the secret in. Uncheck Remember to connect without saving it.</source>
        <translation>Es ist kein Schlüsselbund für das Geheimnis vorhanden. Deaktivieren Sie „Merken“, um ohne Speichern zu verbinden.</translation>
    </message>
    <message>
        <source>Saving the secret in the system keychain…</source>
        <translation>Geheimnis wird im Schlüsselbund des Systems gespeichert…</translation>
    </message>
    <message>
        <source>The secret could not be saved in the system keychain: %1 Uncheck Remember to connect without saving it.</source>
        <translation>Das Geheimnis konnte nicht im Schlüsselbund des Systems gespeichert werden: %1 Deaktivieren Sie „Merken“, um ohne Speichern zu verbinden.</translation>
    </message>
    <message>
        <source>R&amp;emember this registry (not here: this window keeps no settings and no secrets, as in the demo)</source>
        <translation>Registry m&amp;erken (hier nicht: dieses Fenster speichert keine Einstellungen und keine Geheimnisse, wie in der Demo)</translation>
    </message>
    <message>
        <source>Berth runs without settings (the demo, --demo): it saves nothing and never touches the keychain, so a registry added here lasts until Berth quits.</source>
        <translation>Berth läuft ohne Einstellungen (die Demo, --demo): es speichert nichts und greift nie auf den Schlüsselbund zu; eine hier hinzugefügte Registry bleibt nur, bis Berth beendet wird.</translation>
    </message>
    <message>
        <source>Reading what Docker and Podman keep for %1…</source>
        <translation>Lese, was Docker und Podman für %1 aufbewahren…</translation>
    </message>
    <message>
        <source>The credentials Docker or Podman keep for %1 could not be read: %2</source>
        <translation>Die Anmeldedaten, die Docker oder Podman für %1 aufbewahren, konnten nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Docker and Podman keep no credentials for %1.</source>
        <translation>Docker und Podman bewahren keine Anmeldedaten für %1 auf.</translation>
    </message>
    <message>
        <source>Filled in from Docker/Podman. The secret stays where it is unless you tick Remember (then it goes to the system keychain).</source>
        <translation>Aus Docker/Podman übernommen. Das Geheimnis bleibt, wo es ist, außer Sie kreuzen „Merken“ an (dann kommt es in den Schlüsselbund des Systems).</translation>
    </message>
</context>
<context>
    <name>Berth::CopyToDialog</name>
    <message>
        <source>Copy To</source>
        <translation>Kopieren nach</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy %1 to:</source>
        <translation>%1 kopieren nach:</translation>
    </message>
    <message>
        <source>&amp;Registry:</source>
        <translation>&amp;Registry:</translation>
    </message>
    <message>
        <source>Re&amp;pository:</source>
        <translation>Re&amp;pository:</translation>
    </message>
    <message>
        <source>&amp;Tag:</source>
        <translation>&amp;Tag:</translation>
    </message>
</context>
<context>
    <name>Berth::CredentialHelper</name>
    <message>
        <source>%1 answered with something that is not a credential helper&apos;s JSON.</source>
        <translation>%1 hat etwas geantwortet, das nicht das JSON eines Credential-Helpers ist.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not the name of a docker credential helper.</source>
        <translation>„%1“ ist nicht der Name eines Docker-Credential-Helpers.</translation>
    </message>
    <message numerus="yes">
        <source>%1 did not answer within %n second(s).</source>
        <translation>
            <numerusform>%1 hat nicht innerhalb von %n Sekunde geantwortet.</numerusform>
            <numerusform>%1 hat nicht innerhalb von %n Sekunden geantwortet.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 said more than %2 KiB.</source>
        <translation>%1 hat mehr als %2 KiB ausgegeben.</translation>
    </message>
</context>
<context>
    <name>Berth::DeleteDialog</name>
    <message>
        <source>Checking whether an index lists this manifest…</source>
        <translation>Es wird geprüft, ob ein Index dieses Manifest enthält …</translation>
    </message>
    <message>
        <source>Not deleted, since an index that lists it could not be deleted.</source>
        <translation>Nicht gelöscht, da ein Index, der es enthält, nicht gelöscht werden konnte.</translation>
    </message>
    <message>
        <source>Nothing was deleted. Choose what to do with the index(es) above, then Delete.</source>
        <translation>Es wurde nichts gelöscht. Wählen Sie oben, was mit dem Index bzw. den Indizes geschehen soll, dann Löschen.</translation>
    </message>
    <message>
        <source>This registry cannot delete a tag on its own: it removes a tag only by deleting the manifest the tag points to, and every tag of that manifest with it.</source>
        <translation>Diese Registry kann kein einzelnes Tag löschen: Sie entfernt ein Tag nur, indem sie das Manifest löscht, auf das es zeigt, und mit ihm jedes Tag dieses Manifests.</translation>
    </message>
    <message>
        <source>Select one tag at a time to delete its manifest.</source>
        <translation>Wählen Sie jeweils ein Tag, um sein Manifest zu löschen.</translation>
    </message>
    <message>
        <source>Looking up the manifest %1:%2 points to and its tags…</source>
        <translation>Das Manifest, auf das %1:%2 zeigt, und seine Tags werden gesucht …</translation>
    </message>
    <message>
        <source>Could not find the manifest the tag points to:</source>
        <translation>Das Manifest, auf das das Tag zeigt, wurde nicht gefunden:</translation>
    </message>
    <message>
        <source>&amp;Delete manifest (tags: %1)</source>
        <translation>Manifest &amp;löschen (Tags: %1)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete Repository</source>
        <translation>Repository löschen</translation>
    </message>
    <message>
        <source>Delete the repository %1 with all its tags and manifests? This cannot be undone.</source>
        <translation>Das Repository %1 mit allen Tags und Manifesten löschen? Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>&amp;Type the repository&apos;s name to confirm:</source>
        <translation>Geben Sie zur Bestätigung den Namen des Repositorys &amp;ein:</translation>
    </message>
    <message>
        <source>Delete Tag</source>
        <translation>Tag löschen</translation>
    </message>
    <message>
        <source>Delete Tags</source>
        <translation>Tags löschen</translation>
    </message>
    <message>
        <source>Delete the tag %1:%2? The manifest it points to stays.</source>
        <translation>Das Tag %1:%2 löschen? Das Manifest, auf das es verweist, bleibt erhalten.</translation>
    </message>
    <message numerus="yes">
        <source>Delete these %n tags from %1? The manifests they point to stay.</source>
        <translation>
            <numerusform>Dieses %n Tag aus %1 löschen? Das Manifest, auf das es verweist, bleibt erhalten.</numerusform>
            <numerusform>Diese %n Tags aus %1 löschen? Die Manifeste, auf die sie verweisen, bleiben erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Manifest</source>
        <translation>Manifest löschen</translation>
    </message>
    <message>
        <source>Delete the untagged manifest %1@%2?</source>
        <translation>Das Manifest %1@%2 (ohne Tag) löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Delete the manifest %1@%2? These %n tag(s) point to it and will be deleted with it:</source>
        <translation>
            <numerusform>Das Manifest %1@%2 löschen? Darauf verweist %n Tag, das mitgelöscht wird:</numerusform>
            <numerusform>Das Manifest %1@%2 löschen? Darauf verweisen %n Tags, die mitgelöscht werden:</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Locked (deleteEnabled or writeEnabled is off), so the registry will refuse to delete it until it is unlocked: %1</source>
        <translation>Gesperrt (deleteEnabled oder writeEnabled ist deaktiviert); die Registry verweigert das Löschen, bis die Sperre aufgehoben ist: %1</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Wird gelöscht…</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Gelöscht.</translation>
    </message>
    <message>
        <source>The registry refused to delete: the item is locked. Its deleteEnabled or writeEnabled attribute (or its repository&apos;s) is off; unlock it with Lock Attributes first, then delete it.</source>
        <translation>Die Registry hat das Löschen verweigert: Das Element ist gesperrt. Sein Attribut deleteEnabled oder writeEnabled (oder das seines Repositorys) ist deaktiviert; heben Sie die Sperre zuerst über „Sperrattribute“ auf, und löschen Sie es dann.</translation>
    </message>
    <message>
        <source>The registry refused to delete: these credentials lack the delete permission.</source>
        <translation>Die Registry hat das Löschen verweigert: Diesen Zugangsdaten fehlt die Berechtigung zum Löschen.</translation>
    </message>
    <message>
        <source>The delete failed.</source>
        <translation>Das Löschen ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>%1 of %2 were deleted; the rest are still listed.</source>
        <translation>%1 von %2 wurden gelöscht; die übrigen werden weiterhin aufgeführt.</translation>
    </message>
    <message>
        <source>The registry said:</source>
        <translation>Antwort der Registry:</translation>
    </message>
    <message>
        <source>The repository %1 is locked (its deleteEnabled or writeEnabled is off), so the registry will refuse to delete anything in it until the repository is unlocked.</source>
        <translation>Das Repository %1 ist gesperrt (deleteEnabled oder writeEnabled ist deaktiviert); die Registry verweigert daher das Löschen darin, bis die Sperre des Repositorys aufgehoben ist.</translation>
    </message>
    <message>
        <source>Delete the repository %1 with its %2 and %3? This cannot be undone.</source>
        <translation>Das Repository %1 mit %2 und %3 löschen? Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n Manifest</numerusform>
            <numerusform>%n Manifesten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::DialogText</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiteres</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::DirectSave</name>
    <message>
        <source>Only a folder on this computer can take an image.</source>
        <translation>Nur ein Ordner auf diesem Rechner kann ein Image aufnehmen.</translation>
    </message>
    <message>
        <source>The file manager named no usable file (%1).</source>
        <translation>Der Dateimanager hat keine brauchbare Datei genannt (%1).</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be written to.</source>
        <translation>In den Ordner %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>%1 and %2 copies of it exist already.</source>
        <translation>%1 und %2 Kopien davon gibt es bereits.</translation>
    </message>
</context>
<context>
    <name>Berth::DockerImportButton</name>
    <message>
        <source>&amp;Import from Docker/Podman…</source>
        <translation>Aus D&amp;ocker/Podman importieren…</translation>
    </message>
    <message>
        <source>Registries you signed in to with docker, podman, skopeo or buildah. Their secrets are read, never copied into Berth&apos;s files.</source>
        <translation>Registrys, bei denen Sie sich mit docker, podman, skopeo oder buildah angemeldet haben. Ihre Geheimnisse werden gelesen, nie in Berths Dateien kopiert.</translation>
    </message>
    <message>
        <source>No registries in Docker&apos;s or Podman&apos;s files</source>
        <translation>Keine Registrys in den Dateien von Docker oder Podman</translation>
    </message>
</context>
<context>
    <name>Berth::ErrorBody</name>
    <message>
        <source>Bad Request</source>
        <translation>Ungültige Anfrage</translation>
    </message>
    <message>
        <source>Unauthorized</source>
        <translation>Nicht autorisiert</translation>
    </message>
    <message>
        <source>Forbidden</source>
        <translation>Verboten</translation>
    </message>
    <message>
        <source>Not Found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Method Not Allowed</source>
        <translation>Methode nicht erlaubt</translation>
    </message>
    <message>
        <source>Not Acceptable</source>
        <translation>Nicht akzeptabel</translation>
    </message>
    <message>
        <source>Request Timeout</source>
        <translation>Zeitüberschreitung der Anfrage</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>Gone</source>
        <translation>Nicht mehr vorhanden</translation>
    </message>
    <message>
        <source>Length Required</source>
        <translation>Länge erforderlich</translation>
    </message>
    <message>
        <source>Precondition Failed</source>
        <translation>Vorbedingung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Content Too Large</source>
        <translation>Inhalt zu groß</translation>
    </message>
    <message>
        <source>URI Too Long</source>
        <translation>URI zu lang</translation>
    </message>
    <message>
        <source>Unsupported Media Type</source>
        <translation>Nicht unterstützter Medientyp</translation>
    </message>
    <message>
        <source>Range Not Satisfiable</source>
        <translation>Bereich nicht erfüllbar</translation>
    </message>
    <message>
        <source>Too Many Requests</source>
        <translation>Zu viele Anfragen</translation>
    </message>
    <message>
        <source>Internal Server Error</source>
        <translation>Interner Serverfehler</translation>
    </message>
    <message>
        <source>Not Implemented</source>
        <translation>Nicht implementiert</translation>
    </message>
    <message>
        <source>Bad Gateway</source>
        <translation>Fehlerhaftes Gateway</translation>
    </message>
    <message>
        <source>Service Unavailable</source>
        <translation>Dienst nicht verfügbar</translation>
    </message>
    <message>
        <source>Gateway Timeout</source>
        <translation>Gateway-Zeitüberschreitung</translation>
    </message>
    <message>
        <source>HTTP error %1</source>
        <translation>HTTP-Fehler %1</translation>
    </message>
    <message>
        <source>Unknown error</source>
        <translation>Unbekannter Fehler</translation>
    </message>
</context>
<context>
    <name>Berth::ImageMoveController</name>
    <message>
        <source>Could not add the tag %1</source>
        <translation>Das Tag %1 konnte nicht hinzugefügt werden</translation>
    </message>
    <message>
        <source>Tagged %1</source>
        <translation>Tag gesetzt: %1</translation>
    </message>
    <message>
        <source>Add Tag</source>
        <translation>Tag hinzufügen</translation>
    </message>
    <message>
        <source>Add a tag in %1 to the image %2:</source>
        <translation>Dem Image %2 in %1 ein Tag hinzufügen:</translation>
    </message>
    <message>
        <source>&amp;Add Tag</source>
        <translation>Tag &amp;hinzufügen</translation>
    </message>
    <message>
        <source>“%1” is not a valid tag</source>
        <translation>„%1“ ist kein gültiges Tag</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of %1</source>
        <translation>
            <numerusform>%n Image von %1</numerusform>
            <numerusform>%n Images von %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Save %1 As</source>
        <translation>%1 speichern unter</translation>
    </message>
    <message>
        <source>OCI layout (a directory)</source>
        <translation>OCI-Layout (ein Verzeichnis)</translation>
    </message>
    <message>
        <source>OCI archive (*.tar)</source>
        <translation>OCI-Archiv (*.tar)</translation>
    </message>
    <message>
        <source>Docker archive (*.tar)</source>
        <translation>Docker-Archiv (*.tar)</translation>
    </message>
    <message>
        <source>Could not save %1: its registry was removed</source>
        <translation>%1 konnte nicht gespeichert werden: seine Registry wurde entfernt</translation>
    </message>
    <message>
        <source>Could not save %1 there: %2</source>
        <translation>%1 konnte dort nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>Berth::IndexReferencesBox</name>
    <message>
        <source>Berth could not check whether an index in this repository lists this manifest as one of its platforms, so deleting it may break one:
%1</source>
        <translation>Berth konnte nicht prüfen, ob ein Index in diesem Repository dieses Manifest als eine seiner Plattformen enthält; das Löschen kann also einen Index beschädigen:
%1</translation>
    </message>
    <message>
        <source>Delete it &amp;anyway, without knowing</source>
        <translation>&amp;Trotzdem löschen, ohne es zu wissen</translation>
    </message>
    <message>
        <source>%1 (untagged)</source>
        <translation>%1 (ohne Tag)</translation>
    </message>
    <message>
        <source>%1 (tags: %2)</source>
        <translation>%1 (Tags: %2)</translation>
    </message>
    <message numerus="yes">
        <source>%n index(es) in this repository list this manifest as one of their platforms. Deleting only the manifest breaks them: they keep listing it, and pulling that platform fails.</source>
        <translation>
            <numerusform>%n Index in diesem Repository enthält dieses Manifest als eine seiner Plattformen. Wird nur das Manifest gelöscht, ist er beschädigt: Er nennt es weiterhin, und das Laden dieser Plattform schlägt fehl.</numerusform>
            <numerusform>%n Indizes in diesem Repository enthalten dieses Manifest als eine ihrer Plattformen. Wird nur das Manifest gelöscht, sind sie beschädigt: Sie nennen es weiterhin, und das Laden dieser Plattform schlägt fehl.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also delete the %n index(es)</source>
        <translation>
            <numerusform>Auch den %n Index löschen</numerusform>
            <numerusform>Auch die %n Indizes löschen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also delete the %n index(es), with their tags: %1</source>
        <translation>
            <numerusform>Auch den %n Index löschen, mit seinen Tags: %1</numerusform>
            <numerusform>Auch die %n Indizes löschen, mit ihren Tags: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete only this manifest, and leave the %n index(es) broken</source>
        <translation>
            <numerusform>Nur dieses Manifest löschen und den %n Index beschädigt lassen</numerusform>
            <numerusform>Nur dieses Manifest löschen und die %n Indizes beschädigt lassen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::JobTransfer</name>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>Berth::Json</name>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>ein boolescher Wert</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>nicht vorhanden</translation>
    </message>
    <message>
        <source>Unexpected answer from the registry:</source>
        <translation>Unerwartete Antwort der Registry:</translation>
    </message>
    <message>
        <source>the body is empty.</source>
        <translation>Der Antwortinhalt ist leer.</translation>
    </message>
    <message>
        <source>the body is not valid JSON (%1 at byte %2).</source>
        <translation>Der Antwortinhalt ist kein gültiges JSON (%1 bei Byte %2).</translation>
    </message>
    <message>
        <source>the body is not a JSON object.</source>
        <translation>Der Antwortinhalt ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; should be %2, not %3.</source>
        <translation>„%1“ sollte %2 sein, ist aber %3.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; %2.</source>
        <translation>„%1“ %2.</translation>
    </message>
    <message>
        <source>is missing or empty</source>
        <translation>fehlt oder ist leer</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>eine Ganzzahl</translation>
    </message>
    <message>
        <source>should be an integer, not %1</source>
        <translation>sollte eine Ganzzahl sein, ist aber %1</translation>
    </message>
    <message>
        <source>is out of range (%1)</source>
        <translation>liegt außerhalb des zulässigen Bereichs (%1)</translation>
    </message>
    <message>
        <source>a date and time</source>
        <translation>ein Datum mit Uhrzeit</translation>
    </message>
    <message>
        <source>is not an ISO 8601 date and time</source>
        <translation>ist kein Datum mit Uhrzeit nach ISO 8601</translation>
    </message>
    <message>
        <source>is not %1: %2</source>
        <translation>ist nicht %1: %2</translation>
    </message>
    <message>
        <source>a valid digest</source>
        <translation>ein gültiger Digest</translation>
    </message>
    <message>
        <source>a valid repository name</source>
        <translation>ein gültiger Repository-Name</translation>
    </message>
    <message>
        <source>a valid tag</source>
        <translation>ein gültiges Tag</translation>
    </message>
</context>
<context>
    <name>Berth::LockDialog</name>
    <message>
        <source>Lock Attributes</source>
        <translation>Sperrattribute</translation>
    </message>
    <message>
        <source>Lock attributes of the repository %1</source>
        <translation>Sperrattribute des Repositorys %1</translation>
    </message>
    <message>
        <source>Lock attributes of the tag %1:%2</source>
        <translation>Sperrattribute des Tags %1:%2</translation>
    </message>
    <message numerus="yes">
        <source>Lock attributes of %n tags in %1</source>
        <translation>
            <numerusform>Sperrattribute von %n Tag in %1</numerusform>
            <numerusform>Sperrattribute von %n Tags in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Lock attributes of the manifest %1@%2</source>
        <translation>Sperrattribute des Manifests %1@%2</translation>
    </message>
    <message>
        <source>&amp;Write enabled</source>
        <translation>&amp;Schreiben aktiviert</translation>
    </message>
    <message>
        <source>&amp;Delete enabled</source>
        <translation>&amp;Löschen aktiviert</translation>
    </message>
    <message>
        <source>&amp;Read enabled</source>
        <translation>L&amp;esen aktiviert</translation>
    </message>
    <message>
        <source>&amp;List enabled</source>
        <translation>&amp;Auflisten aktiviert</translation>
    </message>
    <message>
        <source>A partly checked box means the selected tags differ; left that way, each keeps its own value.</source>
        <translation>Ein teilweise aktiviertes Kästchen bedeutet, dass sich die ausgewählten Tags unterscheiden; bleibt es so, behält jedes Tag seinen eigenen Wert.</translation>
    </message>
    <message>
        <source>A partly checked box means the registry did not say; left that way, it is not changed.</source>
        <translation>Ein teilweise aktiviertes Kästchen bedeutet, dass die Registry keinen Wert angegeben hat; bleibt es so, wird der Wert nicht geändert.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message numerus="yes">
        <source>Applying the change to %n item(s)…</source>
        <translation>
            <numerusform>Änderung wird auf %n Element angewendet…</numerusform>
            <numerusform>Änderung wird auf %n Elemente angewendet…</numerusform>
        </translation>
    </message>
    <message>
        <source>The lock attributes were changed.</source>
        <translation>Die Sperrattribute wurden geändert.</translation>
    </message>
    <message>
        <source>The registry refused the change: these credentials may not change lock attributes (that needs the metadata_write permission).</source>
        <translation>Die Registry hat die Änderung verweigert: Diese Zugangsdaten dürfen keine Sperrattribute ändern (dafür ist die Berechtigung metadata_write erforderlich).</translation>
    </message>
    <message>
        <source>The registry refused the change: the item is locked.</source>
        <translation>Die Registry hat die Änderung verweigert: Das Element ist gesperrt.</translation>
    </message>
    <message>
        <source>The change failed.</source>
        <translation>Die Änderung ist fehlgeschlagen.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n item(s) were changed; Apply tries the others again.</source>
        <translation>
            <numerusform>%1 von %n Element wurde geändert; „Übernehmen“ versucht es bei den übrigen erneut.</numerusform>
            <numerusform>%1 von %n Elementen wurden geändert; „Übernehmen“ versucht es bei den übrigen erneut.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::Locks</name>
    <message>
        <source>Write</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Auflisten</translation>
    </message>
    <message>
        <source>Write enabled: the item may be overwritten (pushed to). Off locks it against changes and deletion.</source>
        <translation>Schreiben aktiviert: Das Element darf überschrieben werden (Push). Deaktiviert ist es gegen Änderungen und Löschen gesperrt.</translation>
    </message>
    <message>
        <source>Delete enabled: the item may be deleted.</source>
        <translation>Löschen aktiviert: Das Element darf gelöscht werden.</translation>
    </message>
    <message>
        <source>Read enabled: the item may be pulled.</source>
        <translation>Lesen aktiviert: Das Element darf abgerufen werden (Pull).</translation>
    </message>
    <message>
        <source>List enabled: the item shows up in listings.</source>
        <translation>Auflisten aktiviert: Das Element erscheint in Auflistungen.</translation>
    </message>
    <message>
        <source>%1: unknown</source>
        <translation>%1: unbekannt</translation>
    </message>
    <message>
        <source>%1: enabled</source>
        <translation>%1: aktiviert</translation>
    </message>
    <message>
        <source>%1: disabled (locked)</source>
        <translation>%1: deaktiviert (gesperrt)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>%1: disabled by the repository (its own setting: %2)</source>
        <translation>%1: durch das Repository deaktiviert (eigene Einstellung: %2)</translation>
    </message>
    <message>
        <source>W</source>
        <translation>S</translation>
    </message>
    <message>
        <source>D</source>
        <translation>Lö</translation>
    </message>
    <message>
        <source>R</source>
        <translation>Le</translation>
    </message>
    <message>
        <source>L</source>
        <translation>Au</translation>
    </message>
</context>
<context>
    <name>Berth::MainWindow</name>
    <message>
        <source>Berth</source>
        <translation>Berth</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Wird geladen</translation>
    </message>
    <message>
        <source>Could not list the repositories of %1</source>
        <translation>Die Repositorys von %1 konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>Could not list the tags of %1</source>
        <translation>Die Tags von %1 konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>Could not list the manifests of %1</source>
        <translation>Die Manifeste von %1 konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>&amp;Copy Pull Reference</source>
        <translation>Pull-Referenz &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy registry/repository:tag</source>
        <translation>Registry/Repository:Tag kopieren</translation>
    </message>
    <message>
        <source>Copy Pull Reference by D&amp;igest</source>
        <translation>Pull-Referenz per D&amp;igest kopieren</translation>
    </message>
    <message>
        <source>Copy registry/repository@digest</source>
        <translation>Registry/Repository@Digest kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Digest</source>
        <translation>&amp;Digest kopieren</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>&amp;Lock Attributes…</source>
        <translation>&amp;Sperrattribute…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Filter…</source>
        <translation>&amp;Filtern…</translation>
    </message>
    <message>
        <source>&amp;Add Registry…</source>
        <translation>Registry &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove Registry…</source>
        <translation>Registry &amp;entfernen…</translation>
    </message>
    <message>
        <source>&amp;Edit Connection…</source>
        <translation>&amp;Verbindung bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Registry</source>
        <translation>&amp;Registry</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Berth</source>
        <translation>Ü&amp;ber Berth</translation>
    </message>
    <message>
        <source>About Berth</source>
        <translation>Über Berth</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Berth&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;A desktop browser for container registries, Azure Container Registry first.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Berth&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Ein Desktop-Browser für Container-Registrys, mit Schwerpunkt auf Azure Container Registry.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>repositories</source>
        <translation>Repositorys</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>manifests</source>
        <translation>Manifeste</translation>
    </message>
    <message>
        <source>details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>saved credentials</source>
        <translation>gespeicherte Zugangsdaten</translation>
    </message>
    <message>
        <source>repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Wird geladen: %1…</translation>
    </message>
    <message>
        <source>No saved registries yet: add one with Registry ▸ Add Registry… (%1).</source>
        <translation>Noch keine gespeicherten Registrys: Fügen Sie eine über Registry ▸ Registry hinzufügen… (%1) hinzu.</translation>
    </message>
    <message>
        <source>%1 — %2 — Berth</source>
        <translation>%1 — %2 — Berth</translation>
    </message>
    <message>
        <source>Copy Pull Co&amp;mmand</source>
        <translation>Pull-Be&amp;fehl kopieren</translation>
    </message>
    <message>
        <source>Copy docker pull registry/repository:tag</source>
        <translation>docker pull Registry/Repository:Tag kopieren</translation>
    </message>
    <message>
        <source>Push &amp;File…</source>
        <translation>&amp;Datei pushen…</translation>
    </message>
    <message>
        <source>Upload files to the open repository (or drop them on it)</source>
        <translation>Dateien in das geöffnete Repository hochladen (oder sie darauf ablegen)</translation>
    </message>
    <message>
        <source>Push &amp;Image…</source>
        <translation>&amp;Image pushen…</translation>
    </message>
    <message>
        <source>Push an image archive or OCI layout to the open repository (or drop it on the repository)</source>
        <translation>Ein Image-Archiv oder OCI-Layout in das geöffnete Repository pushen (oder es auf dem Repository ablegen)</translation>
    </message>
    <message>
        <source>Find &amp;Repository…</source>
        <translation>&amp;Repository suchen…</translation>
    </message>
    <message>
        <source>Find a repository by any part of its path</source>
        <translation>Ein Repository über einen beliebigen Teil seines Pfads finden</translation>
    </message>
    <message>
        <source>&amp;Clean Up…</source>
        <translation>Au&amp;fräumen…</translation>
    </message>
    <message>
        <source>Delete tags and manifests by a retention rule, after a preview</source>
        <translation>Tags und Manifeste nach einer Aufbewahrungsregel löschen, nach einer Vorschau</translation>
    </message>
    <message>
        <source>Select &amp;Untagged</source>
        <translation>&amp;Ohne Tag auswählen</translation>
    </message>
    <message>
        <source>Select the manifests without a tag that no index lists</source>
        <translation>Die Manifeste ohne Tag auswählen, die kein Index auflistet</translation>
    </message>
    <message>
        <source>Add &amp;Tag…</source>
        <translation>&amp;Tag hinzufügen…</translation>
    </message>
    <message>
        <source>Put the highlighted image under another tag as well</source>
        <translation>Das markierte Image zusätzlich unter einem weiteren Tag ablegen</translation>
    </message>
    <message>
        <source>C&amp;opy To…</source>
        <translation>K&amp;opieren nach…</translation>
    </message>
    <message>
        <source>Copy the highlighted images to another repository or registry (or drag them onto it in the tree)</source>
        <translation>Die markierten Images in ein anderes Repository oder eine andere Registry kopieren (oder sie im Baum darauf ziehen)</translation>
    </message>
    <message>
        <source>&amp;Save Image As…</source>
        <translation>Image &amp;speichern unter…</translation>
    </message>
    <message>
        <source>Save the highlighted image as an OCI layout, an OCI archive or a docker archive</source>
        <translation>Das markierte Image als OCI-Layout, OCI-Archiv oder Docker-Archiv speichern</translation>
    </message>
    <message>
        <source>Delete the highlighted tags, manifests or repository, after a confirmation</source>
        <translation>Die markierten Tags, Manifeste oder das Repository nach einer Rückfrage löschen</translation>
    </message>
    <message>
        <source>Allow or refuse writing, deleting, reading and listing the highlighted items</source>
        <translation>Schreiben, Löschen, Lesen und Auflisten der markierten Einträge erlauben oder sperren</translation>
    </message>
    <message>
        <source>Read the registry again: its repositories, tags and locks</source>
        <translation>Die Registry neu einlesen: Repositorys, Tags und Sperren</translation>
    </message>
    <message>
        <source>Connect to another registry: ACR or any OCI registry</source>
        <translation>Mit einer weiteren Registry verbinden: ACR oder jede OCI-Registry</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>sizes of %1 (%2 of %3 repositories)</source>
        <translation>Größen von %1 (%2 von %3 Repositorys)</translation>
    </message>
    <message>
        <source>sizes of %1 (%2 of %3 repositories listed so far)</source>
        <translation>Größen von %1 (%2 von %3 bisher gelisteten Repositorys)</translation>
    </message>
    <message>
        <source>Si&amp;ze All Repositories</source>
        <translation>&amp;Größen aller Repositorys berechnen</translation>
    </message>
    <message>
        <source>Stop Si&amp;zing</source>
        <translation>Größenberechnung a&amp;nhalten</translation>
    </message>
    <message>
        <source>Stop sizing the registry&apos;s repositories (the sizes found so far stay)</source>
        <translation>Die Größenberechnung der Repositorys der Registry anhalten (die bisher berechneten Größen bleiben)</translation>
    </message>
    <message>
        <source>List every repository of the registry and size each in the background: an exact total, and every row placed when sorted by size</source>
        <translation>Alle Repositorys der Registry auflisten und im Hintergrund die Größe jedes einzelnen berechnen: eine genaue Summe, und jede Zeile an ihrem Platz, wenn nach Größe sortiert wird</translation>
    </message>
</context>
<context>
    <name>Berth::Manifest</name>
    <message>
        <source>Manifests of type &quot;%1&quot; are not supported.</source>
        <translation>Manifeste vom Typ „%1“ werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>is missing and the body is not clearly an image manifest or an index</source>
        <translation>fehlt, und der Antwortinhalt ist weder eindeutig ein Image-Manifest noch ein Index</translation>
    </message>
    <message>
        <source>Docker schema 1 manifests are not supported.</source>
        <translation>Manifeste nach Docker-Schema 1 werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>Manifests with schemaVersion %1 are not supported.</source>
        <translation>Manifeste mit schemaVersion %1 werden nicht unterstützt.</translation>
    </message>
</context>
<context>
    <name>Berth::ManifestView</name>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 Bytes)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Index (multi-platform)</source>
        <translation>Index (Multi-Plattform)</translation>
    </message>
    <message>
        <source>Image manifest</source>
        <translation>Image-Manifest</translation>
    </message>
    <message>
        <source>Media type</source>
        <translation>Medientyp</translation>
    </message>
    <message>
        <source>Artifact type</source>
        <translation>Artefakttyp</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>Manifest size</source>
        <translation>Manifestgröße</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Layer</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s), %1</source>
        <translation>
            <numerusform>%n Layer, %1</numerusform>
            <numerusform>%n Layer, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>Plattformen</translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n Manifest</numerusform>
            <numerusform>%n Manifeste</numerusform>
        </translation>
    </message>
    <message>
        <source>Total size</source>
        <translation>Gesamtgröße</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotationen</translation>
    </message>
    <message>
        <source>OS</source>
        <translation>OS</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>OS version</source>
        <translation>OS-Version</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Entrypoint</source>
        <translation>Entrypoint</translation>
    </message>
    <message>
        <source>Cmd</source>
        <translation>Cmd</translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation>Arbeitsverzeichnis</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Exposed ports</source>
        <translation>Freigegebene Ports</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>Volumes</translation>
    </message>
    <message>
        <source>Stop signal</source>
        <translation>Stoppsignal</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>The image configuration is larger than %1.</source>
        <translation>Die Image-Konfiguration ist größer als %1.</translation>
    </message>
    <message>
        <source>Back to index</source>
        <translation>Zurück zum Index</translation>
    </message>
    <message>
        <source>Back to the index</source>
        <translation>Zurück zum Index</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Übersicht</translation>
    </message>
    <message>
        <source>&amp;Configuration</source>
        <translation>&amp;Konfiguration</translation>
    </message>
    <message>
        <source>&amp;JSON</source>
        <translation>&amp;JSON</translation>
    </message>
    <message>
        <source>Select a tag or a manifest to see its details.</source>
        <translation>Wählen Sie ein Tag oder ein Manifest aus, um die Details anzuzeigen.</translation>
    </message>
    <message>
        <source>%1 ▸ %2</source>
        <translation>%1 ▸ %2</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Could not load the manifest: %1</source>
        <translation>Das Manifest konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Could not load the manifest %1</source>
        <translation>Das Manifest %1 konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>This manifest cannot be shown: %1</source>
        <translation>Dieses Manifest kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>Could not read the manifest %1</source>
        <translation>Das Manifest %1 konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>An index has no configuration of its own: open one of its platforms.</source>
        <translation>Ein Index hat keine eigene Konfiguration: Öffnen Sie eine seiner Plattformen.</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Platforms (double-click one to open its manifest):</source>
        <translation>Plattformen (Doppelklick öffnet das jeweilige Manifest):</translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation>Layer:</translation>
    </message>
    <message>
        <source>(no platform)</source>
        <translation>(keine Plattform)</translation>
    </message>
    <message>
        <source>Double-click to open this platform&apos;s manifest</source>
        <translation>Doppelklicken, um das Manifest dieser Plattform zu öffnen</translation>
    </message>
    <message>
        <source>The configuration (%1) is not an image configuration.</source>
        <translation>Die Konfiguration (%1) ist keine Image-Konfiguration.</translation>
    </message>
    <message>
        <source>The image configuration is too large to show (%1).</source>
        <translation>Die Image-Konfiguration ist zu groß für die Anzeige (%1).</translation>
    </message>
    <message>
        <source>Loading the image configuration…</source>
        <translation>Image-Konfiguration wird geladen…</translation>
    </message>
    <message>
        <source>Could not load the image configuration: %1</source>
        <translation>Die Image-Konfiguration konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Could not load the image configuration of %1</source>
        <translation>Die Image-Konfiguration von %1 konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>The image configuration is not a JSON object: %1</source>
        <translation>Die Image-Konfiguration ist kein JSON-Objekt: %1</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>wird berechnet …</translation>
    </message>
    <message>
        <source>unknown: a platform could not be read</source>
        <translation>unbekannt: eine Plattform ließ sich nicht lesen</translation>
    </message>
    <message>
        <source>every platform&apos;s config and layers, shared layers once</source>
        <translation>Konfiguration und Schichten aller Plattformen, gemeinsame Schichten einmal</translation>
    </message>
    <message>
        <source>Config and layers (the manifest itself: %1)</source>
        <translation>Konfiguration und Schichten (das Manifest selbst: %1)</translation>
    </message>
</context>
<context>
    <name>Berth::MessageBar</name>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Berth::PagingState</name>
    <message>
        <source>The registry&apos;s next-page link points back to a page already read; stopped.</source>
        <translation>Der Link der Registry zur nächsten Seite verweist auf eine bereits gelesene Seite zurück; angehalten.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n pages: the registry keeps sending more.</source>
        <translation>
            <numerusform>Nach %n Seite angehalten: Die Registry sendet immer weitere.</numerusform>
            <numerusform>Nach %n Seiten angehalten: Die Registry sendet immer weitere.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::Printable</name>
    <message>
        <source>(registry code %1)</source>
        <translation>(Code der Registry %1)</translation>
    </message>
</context>
<context>
    <name>Berth::PushImageDialog</name>
    <message>
        <source>Push Image</source>
        <translation>Image pushen</translation>
    </message>
    <message>
        <source>&amp;Push</source>
        <translation>&amp;Pushen</translation>
    </message>
    <message>
        <source>gzip (as podman pushes them)</source>
        <translation>gzip (wie podman sie pusht)</translation>
    </message>
    <message>
        <source>zstd</source>
        <translation>zstd</translation>
    </message>
    <message>
        <source>none (as they are in the archive)</source>
        <translation>keine (so wie im Archiv)</translation>
    </message>
    <message>
        <source>How the uncompressed layers of a docker save archive are sent; other layers are sent as they are.</source>
        <translation>Wie die unkomprimierten Layer eines docker-save-Archivs gesendet werden; andere Layer werden so gesendet, wie sie sind.</translation>
    </message>
    <message numerus="yes">
        <source>“%1” holds %n image(s). Push this one to %2:</source>
        <translation>
            <numerusform>„%1“ enthält %n Image. Dieses nach %2 pushen:</numerusform>
            <numerusform>„%1“ enthält %n Images. Dieses nach %2 pushen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Push the image “%1” to %2.</source>
        <translation>Das Image „%1“ nach %2 pushen.</translation>
    </message>
    <message>
        <source>&amp;Tag:</source>
        <translation>&amp;Tag:</translation>
    </message>
    <message>
        <source>&amp;Uncompressed layers:</source>
        <translation>&amp;Unkomprimierte Layer:</translation>
    </message>
    <message>
        <source>Up to 128 letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos;, not starting with &apos;.&apos; or &apos;-&apos;</source>
        <translation>Bis zu 128 Buchstaben, Ziffern, &apos;_&apos;, &apos;.&apos; und &apos;-&apos;, nicht mit &apos;.&apos; oder &apos;-&apos; am Anfang</translation>
    </message>
</context>
<context>
    <name>Berth::Reference</name>
    <message>
        <source>The image reference is empty.</source>
        <translation>Die Image-Referenz ist leer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid digest (expected sha256: and 64 lower-case hex digits).</source>
        <translation>„%1“ ist kein gültiger Digest (erwartet: sha256: und 64 Hexadezimalziffern in Kleinschreibung).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid tag (letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos;, not starting with &apos;.&apos; or &apos;-&apos;, at most 128 characters).</source>
        <translation>„%1“ ist kein gültiges Tag (Buchstaben, Ziffern, &apos;_&apos;, &apos;.&apos; und &apos;-&apos;, nicht mit &apos;.&apos; oder &apos;-&apos; am Anfang, höchstens 128 Zeichen).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names no repository.</source>
        <translation>„%1“ nennt kein Repository.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid repository name (lower-case letters, digits and separators, components joined by &apos;/&apos;).</source>
        <translation>„%1“ ist kein gültiger Repository-Name (Kleinbuchstaben, Ziffern und Trennzeichen, Bestandteile durch &apos;/&apos; verbunden).</translation>
    </message>
    <message>
        <source>The registry is chosen separately, not in the reference.</source>
        <translation>Die Registry wird separat ausgewählt, nicht in der Referenz.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a tag (:tag) or a digest (@sha256:...).</source>
        <translation>„%1“ benötigt ein Tag (:tag) oder einen Digest (@sha256:...).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a tag (:tag).</source>
        <translation>„%1“ benötigt ein Tag (:tag).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a digest (@sha256:...).</source>
        <translation>„%1“ benötigt einen Digest (@sha256:...).</translation>
    </message>
</context>
<context>
    <name>Berth::RegistriesController</name>
    <message>
        <source>Could not sign in to %1</source>
        <translation>Anmeldung bei %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not connect to %1</source>
        <translation>Verbindung zu %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Reconnect and cancel them?</source>
        <translation>Neu verbinden und sie abbrechen?</translation>
    </message>
    <message>
        <source>Remove Registry</source>
        <translation>Registry entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from the list?</source>
        <translation>%1 aus der Liste entfernen?</translation>
    </message>
    <message>
        <source>Its saved connection is forgotten and its secret deleted from the keychain.</source>
        <translation>Die gespeicherte Verbindung wird verworfen und das Geheimnis aus dem Schlüsselbund gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>Its %n running upload(s) will be cancelled.</source>
        <translation>
            <numerusform>%n laufender Upload wird abgebrochen.</numerusform>
            <numerusform>%n laufende Uploads werden abgebrochen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not delete the saved secret of %1</source>
        <translation>Das gespeicherte Geheimnis von %1 konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Trust Sign-in Server</source>
        <translation>Anmeldeserver vertrauen</translation>
    </message>
    <message>
        <source>%1 asks you to sign in at another server, %2.</source>
        <translation>%1 verlangt die Anmeldung bei einem anderen Server, %2.</translation>
    </message>
    <message>
        <source>Berth sends your username and password to %1 only if you trust it. Trust it only if it belongs to whoever runs this registry, such as its documented token service. The choice is kept with the registry&apos;s saved connection.</source>
        <translation>Berth sendet Benutzername und Passwort nur an %1, wenn Sie ihm vertrauen. Vertrauen Sie ihm nur, wenn er zum Betreiber dieser Registry gehört, etwa als dessen dokumentierter Token-Dienst. Die Entscheidung wird mit der gespeicherten Verbindung der Registry aufbewahrt.</translation>
    </message>
    <message>
        <source>Trust %1</source>
        <translation>%1 vertrauen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>Berth::Registry</name>
    <message>
        <source>This registry cannot delete a tag on its own (it answered %1, HTTP %2): CNCF distribution removes a tag only by deleting the manifest it points to, and every tag of that manifest with it.</source>
        <translation>Diese Registry kann kein einzelnes Tag löschen (sie antwortete %1, HTTP %2): CNCF Distribution entfernt ein Tag nur, indem sie das Manifest löscht, auf das es zeigt, und mit ihm jedes Tag dieses Manifests.</translation>
    </message>
    <message>
        <source>To remove %1:%2, delete the manifest %1@%3, which also deletes its tags: %4.</source>
        <translation>Um %1:%2 zu entfernen, löschen Sie das Manifest %1@%3; das löscht auch seine Tags: %4.</translation>
    </message>
    <message>
        <source>To remove %1:%2, delete the manifest it points to, with all its tags.</source>
        <translation>Um %1:%2 zu entfernen, löschen Sie das Manifest, auf das es zeigt, mit allen seinen Tags.</translation>
    </message>
    <message>
        <source>%1 (untagged)</source>
        <translation>%1 (ohne Tag)</translation>
    </message>
    <message>
        <source>%1 (tags: %2)</source>
        <translation>%1 (Tags: %2)</translation>
    </message>
    <message>
        <source>%1 is a platform of %2</source>
        <translation>%1 ist eine Plattform von %2</translation>
    </message>
    <message>
        <source>%1 has %2 tagged indexes; reading more than %3 of them to find those that reference %4 is not attempted.</source>
        <translation>%1 hat %2 Indizes mit Tag; mehr als %3 davon zu lesen, um die zu finden, die %4 enthalten, wird nicht versucht.</translation>
    </message>
    <message>
        <source>No registry URL was given.</source>
        <translation>Es wurde keine Registry-URL angegeben.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a registry URL (expected e.g. myregistry.azurecr.io).</source>
        <translation>„%1“ ist keine Registry-URL (erwartet z. B. myregistry.azurecr.io).</translation>
    </message>
    <message>
        <source>Put credentials in the sign-in options, not in the registry URL.</source>
        <translation>Geben Sie die Zugangsdaten in den Anmeldeoptionen an, nicht in der Registry-URL.</translation>
    </message>
    <message>
        <source>Refusing plain http to %1; use https, or allow plain http explicitly.</source>
        <translation>Unverschlüsseltes http zu %1 wird abgelehnt; verwenden Sie https, oder lassen Sie unverschlüsseltes http ausdrücklich zu.</translation>
    </message>
    <message>
        <source>Cannot read the CA file %1: %2</source>
        <translation>Die CA-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The CA file %1 holds no PEM certificate.</source>
        <translation>Die CA-Datei %1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid repository name (lower-case letters, digits and separators, namespaces split by &apos;/&apos;).</source>
        <translation>„%1“ ist kein gültiger Repository-Name (Kleinbuchstaben, Ziffern und Trennzeichen, Namespaces durch „/“ getrennt).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid digest (expected sha256:&lt;64 hex digits&gt;).</source>
        <translation>„%1“ ist kein gültiger Digest (erwartet sha256:&lt;64 Hexziffern&gt;).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a valid tag nor a digest.</source>
        <translation>„%1“ ist weder ein gültiger Tag noch ein Digest.</translation>
    </message>
    <message>
        <source>%1 has digest %2, expected %3.</source>
        <translation>%1 hat den Digest %2, erwartet wurde %3.</translation>
    </message>
    <message>
        <source>The registry answered the upload without a Location.</source>
        <translation>Die Registry hat auf den Upload ohne Location geantwortet.</translation>
    </message>
    <message>
        <source>The manifest served</source>
        <translation>Das ausgelieferte Manifest</translation>
    </message>
    <message>
        <source>The manifest</source>
        <translation>Das Manifest</translation>
    </message>
    <message>
        <source>The registry stored the manifest; it</source>
        <translation>Die Registry hat das Manifest gespeichert; es</translation>
    </message>
    <message>
        <source>The downloaded blob</source>
        <translation>Der heruntergeladene Blob</translation>
    </message>
    <message>
        <source>The registry stored the blob; it</source>
        <translation>Die Registry hat den Blob gespeichert; er</translation>
    </message>
    <message>
        <source>%1 needs Azure Container Registry&apos;s metadata API (/acr/v1/), which this registry does not offer.</source>
        <translation>%1 erfordert die Metadaten-API von Azure Container Registry (/acr/v1/), die diese Registry nicht anbietet.</translation>
    </message>
    <message>
        <source>Changing lock attributes</source>
        <translation>Das Ändern von Sperrattributen</translation>
    </message>
    <message>
        <source>Deleting a whole repository</source>
        <translation>Das Löschen eines ganzen Repositorys</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid tag.</source>
        <translation>„%1“ ist kein gültiger Tag.</translation>
    </message>
    <message>
        <source>%1 has no tag %2.</source>
        <translation>%1 hat keinen Tag %2.</translation>
    </message>
    <message>
        <source>%1 has no manifest %2.</source>
        <translation>%1 hat kein Manifest %2.</translation>
    </message>
    <message>
        <source>Invalid request URL.</source>
        <translation>Ungültige Anfrage-URL.</translation>
    </message>
    <message>
        <source>Cannot write the download: %1</source>
        <translation>Der Download kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The registry&apos;s answer is larger than %1 MiB; refusing to read it.</source>
        <translation>Die Antwort der Registry ist größer als %1 MiB; sie wird nicht gelesen.</translation>
    </message>
    <message>
        <source>%1 stopped answering (no data for %2 s).</source>
        <translation>%1 antwortet nicht mehr (seit %2 s keine Daten).</translation>
    </message>
    <message>
        <source>TLS with %1 failed: %2</source>
        <translation>TLS mit %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 closed the connection before answering.</source>
        <translation>%1 hat die Verbindung vor der Antwort geschlossen.</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>The connection to %1 broke while reading the answer.</source>
        <translation>Die Verbindung zu %1 ist beim Lesen der Antwort abgebrochen.</translation>
    </message>
    <message>
        <source>The registry redirected more than %1 times.</source>
        <translation>Die Registry hat mehr als %1-mal umgeleitet.</translation>
    </message>
    <message>
        <source>The registry redirected to an invalid address.</source>
        <translation>Die Registry hat auf eine ungültige Adresse umgeleitet.</translation>
    </message>
    <message>
        <source>The registry redirected from https to plain http; not following.</source>
        <translation>Die Registry hat von https auf unverschlüsseltes http umgeleitet; der Umleitung wird nicht gefolgt.</translation>
    </message>
    <message>
        <source>The credentials lack the permission this needs (insufficient scope).</source>
        <translation>Den Zugangsdaten fehlt die dafür nötige Berechtigung (unzureichender Scope).</translation>
    </message>
    <message>
        <source>The registry refused the credentials: %1</source>
        <translation>Die Registry hat die Zugangsdaten abgelehnt: %1</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine reguläre Datei</translation>
    </message>
    <message>
        <source>The CA file %1 is larger than 1 MiB.</source>
        <translation>Die CA-Datei %1 ist größer als 1 MiB.</translation>
    </message>
    <message>
        <source>The registry answered with a Docker-Content-Digest header that is not a digest: %1.</source>
        <translation>Die Registry hat mit einem Docker-Content-Digest-Header geantwortet, der kein Digest ist: %1.</translation>
    </message>
    <message>
        <source>The registry&apos;s next-page link points to another server (%1); not following it.</source>
        <translation>Der Link der Registry zur nächsten Seite verweist auf einen anderen Server (%1); ihm wird nicht gefolgt.</translation>
    </message>
    <message>
        <source>Refusing to send a request whose address holds a control character.</source>
        <translation>Eine Anfrage, deren Adresse ein Steuerzeichen enthält, wird nicht gesendet.</translation>
    </message>
    <message>
        <source>Refusing to send a request whose %1 header holds a line break or another control character.</source>
        <translation>Eine Anfrage, deren Header %1 einen Zeilenumbruch oder ein anderes Steuerzeichen enthält, wird nicht gesendet.</translation>
    </message>
    <message>
        <source>%1 answers too slowly: %2 bytes in %3 s, below the minimum of %4 KiB/s.</source>
        <translation>%1 antwortet zu langsam: %2 Bytes in %3 s, unter dem Minimum von %4 KiB/s.</translation>
    </message>
    <message>
        <source>%1 answered with headers Berth cannot read (too large, over 100 KB, or malformed).</source>
        <translation>%1 hat mit Headern geantwortet, die Berth nicht lesen kann (zu groß, über 100 KB, oder fehlerhaft).</translation>
    </message>
    <message>
        <source>%1 sent an answer that cannot be unpacked: it is compressed beyond a safe ratio (a decompression bomb?) or damaged.</source>
        <translation>%1 hat eine Antwort gesendet, die sich nicht entpacken lässt: Sie ist über ein sicheres Maß hinaus komprimiert (eine Dekompressionsbombe?) oder beschädigt.</translation>
    </message>
    <message>
        <source>The sign-in was redirected to another server, %1; not following.</source>
        <translation>Die Anmeldung wurde an einen anderen Server umgeleitet, %1; der Umleitung wird nicht gefolgt.</translation>
    </message>
    <message>
        <source>The registry&apos;s next-page link points back to a page already read (%1); stopped.</source>
        <translation>Der Link der Registry zur nächsten Seite verweist auf eine bereits gelesene Seite zurück (%1); angehalten.</translation>
    </message>
    <message>
        <source>Stopped after %1 pages (%2 items): the registry keeps sending more. The page limit is a setting.</source>
        <translation>Nach %1 Seiten (%2 Einträge) angehalten: Die Registry sendet immer weitere. Die Seitengrenze ist eine Einstellung.</translation>
    </message>
    <message>
        <source>The server sent the whole download again, and what was written already cannot be rewritten.</source>
        <translation>Der Server hat den ganzen Download erneut geschickt, und was schon geschrieben wurde, lässt sich nicht neu schreiben.</translation>
    </message>
    <message>
        <source>An empty or negative range.</source>
        <translation>Ein leerer oder negativer Bereich.</translation>
    </message>
    <message>
        <source>Cannot tag %1:%2: the repository or the tag is locked against writes (%3)</source>
        <translation>%1:%2 kann nicht getaggt werden: Das Repository oder das Tag ist gegen Schreiben gesperrt (%3)</translation>
    </message>
    <message>
        <source>%1 answered in plain HTTP, not HTTPS: use http://%1 and allow plain http.</source>
        <translation>%1 antwortete mit unverschlüsseltem HTTP, nicht mit HTTPS: verwenden Sie http://%1 und erlauben Sie unverschlüsseltes http.</translation>
    </message>
    <message>
        <source>The registry asked for the streamed request again (%1).</source>
        <translation>Die Registry hat die gestreamte Anfrage erneut verlangt (%1).</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the server sent more bytes than the range asked for</source>
        <translation>der Server hat mehr Bytes gesendet, als der angefragte Bereich umfasst</translation>
    </message>
    <message>
        <source>%1 answered the request for bytes %2-%3 with another range (%4).</source>
        <translation>%1 hat die Anfrage nach den Bytes %2-%3 mit einem anderen Bereich beantwortet (%4).</translation>
    </message>
    <message>
        <source>%1 answered the request for bytes %2-%3 with status %4, not with the range.</source>
        <translation>%1 hat die Anfrage nach den Bytes %2-%3 mit Status %4 beantwortet, nicht mit dem Bereich.</translation>
    </message>
    <message>
        <source>The download ended %1 bytes early.</source>
        <translation>Der Download endete %1 Bytes zu früh.</translation>
    </message>
</context>
<context>
    <name>Berth::RegistryTree</name>
    <message>
        <source>Registries and repositories</source>
        <translation>Registrys und Repositorys</translation>
    </message>
</context>
<context>
    <name>Berth::RepositoryModel</name>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Manifests</source>
        <translation>Manifeste</translation>
    </message>
    <message>
        <source>%1
Locked: %2 disabled for everything in it</source>
        <translation>%1
Gesperrt: %2 für alles darin deaktiviert</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>The blobs its manifests reference, layers shared between tags once</source>
        <translation>Die Blobs, auf die seine Manifeste verweisen, von Tags gemeinsam genutzte Schichten einmal</translation>
    </message>
    <message>
        <source>Could not be sized: %1</source>
        <translation>Größe nicht ermittelbar: %1</translation>
    </message>
    <message>
        <source>The unique blobs of its %1 repositories (%2 blobs): a layer that several repositories share counts once</source>
        <translation>Die eindeutigen Blobs seiner %1 Repositorys (%2 Blobs): eine Schicht, die mehrere Repositorys teilen, zählt einmal</translation>
    </message>
    <message>
        <source>At least: %1 of %2 repositories sized so far (%3 blobs; a layer that several share counts once). Sizing every repository…</source>
        <translation>Mindestens: bisher %1 von %2 Repositorys berechnet (%3 Blobs; eine Schicht, die mehrere teilen, zählt einmal). Alle Repositorys werden berechnet…</translation>
    </message>
    <message>
        <source>At least: the unique blobs of the %1 of %2 repositories sized so far (%3 blobs; a layer that several share counts once). A repository is sized when it comes into view, or all of them by Size All</source>
        <translation>Mindestens: die eindeutigen Blobs der bisher berechneten %1 von %2 Repositorys (%3 Blobs; eine Schicht, die mehrere teilen, zählt einmal). Ein Repository wird berechnet, sobald es sichtbar wird, oder alle mit „Größen aller Repositorys berechnen“</translation>
    </message>
</context>
<context>
    <name>Berth::RepositoryPane</name>
    <message>
        <source>&amp;Tags</source>
        <translation>&amp;Tags</translation>
    </message>
    <message>
        <source>&amp;Manifests</source>
        <translation>&amp;Manifeste</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Manifests</source>
        <translation>Manifeste</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>Filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Show the repository&apos;s tags</source>
        <translation>Tags des Repositorys anzeigen</translation>
    </message>
    <message>
        <source>Show the repository&apos;s manifests, untagged ones included</source>
        <translation>Manifeste des Repositorys anzeigen, auch die ohne Tag</translation>
    </message>
    <message>
        <source>No repository open</source>
        <translation>Kein Repository geöffnet</translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n Manifest</numerusform>
            <numerusform>%n Manifeste</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 loaded</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 von %2 angezeigt</translation>
    </message>
    <message>
        <source>The repository is locked: %1 disabled for all its tags and manifests, whatever their own settings. Unlock it with Lock Attributes on the repository.</source>
        <translation>Das Repository ist gesperrt: %1 für alle seine Tags und Manifeste deaktiviert, unabhängig von deren eigenen Einstellungen. Heben Sie die Sperre mit „Sperrattribute“ am Repository auf.</translation>
    </message>
    <message numerus="yes">
        <source>No tags match “%1” — %n tag(s) in all</source>
        <translation>
            <numerusform>Kein Tag passt zu „%1“ – %n Tag insgesamt</numerusform>
            <numerusform>Kein Tag passt zu „%1“ – %n Tags insgesamt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No manifests match “%1” — %n manifest(s) in all</source>
        <translation>
            <numerusform>Kein Manifest passt zu „%1“ – %n Manifest insgesamt</numerusform>
            <numerusform>Kein Manifest passt zu „%1“ – %n Manifeste insgesamt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::RepositorySearch</name>
    <message>
        <source>Find repository (Ctrl+Shift+F)</source>
        <translation>Repository suchen (Strg+Umschalt+F)</translation>
    </message>
    <message>
        <source>Find repository</source>
        <translation>Repository suchen</translation>
    </message>
    <message>
        <source>Shows the repositories whose path contains this text; the rest of the catalog loads as needed</source>
        <translation>Zeigt die Repositorys, deren Pfad diesen Text enthält; der Rest des Katalogs wird bei Bedarf geladen</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n repositories loaded so far, loading the rest…</source>
        <translation>
            <numerusform>%1 von %n bisher geladenen Repository, der Rest wird geladen…</numerusform>
            <numerusform>%1 von %n bisher geladenen Repositorys, der Rest wird geladen…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n repositories</source>
        <translation>
            <numerusform>%1 von %n Repository</numerusform>
            <numerusform>%1 von %n Repositorys</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::RepositoryTable</name>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>Plattformen</translation>
    </message>
    <message>
        <source>Media type</source>
        <translation>Medientyp</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>Zuletzt aktualisiert</translation>
    </message>
    <message>
        <source>(untagged)</source>
        <translation>(ohne Tag)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Total, shared layers counted once: %1</source>
        <translation>Gesamt, gemeinsame Schichten einmal gezählt: %1</translation>
    </message>
</context>
<context>
    <name>Berth::Transfer</name>
    <message>
        <source>Only sha256 digests can be pulled.</source>
        <translation>Nur sha256-Digests können heruntergeladen werden.</translation>
    </message>
    <message>
        <source>cannot create the directory</source>
        <translation>das Verzeichnis kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>The index has no manifest for the platform %1.</source>
        <translation>Der Index hat kein Manifest für die Plattform %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>A docker archive holds one image: choose a platform of the index with --platform.</source>
        <translation>Ein Docker-Archiv enthält ein Image: Wählen Sie mit --platform eine Plattform des Index.</translation>
    </message>
</context>
<context>
    <name>Berth::TransfersController</name>
    <message>
        <source>Could not upload %1: its registry is no longer connected</source>
        <translation>%1 konnte nicht hochgeladen werden: Die Verbindung zur Registry besteht nicht mehr</translation>
    </message>
    <message>
        <source>Not uploaded: %1</source>
        <translation>Nicht hochgeladen: %1</translation>
    </message>
    <message>
        <source>Could not read the image %1</source>
        <translation>Das Image %1 konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>&amp;Push</source>
        <translation>&amp;Pushen</translation>
    </message>
    <message>
        <source>“%1” is not a valid tag: up to 128 letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos;, not starting with &apos;.&apos; or &apos;-&apos;</source>
        <translation>„%1“ ist kein gültiges Tag: bis zu 128 Buchstaben, Ziffern, &apos;_&apos;, &apos;.&apos; und &apos;-&apos;, nicht mit &apos;.&apos; oder &apos;-&apos; am Anfang</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <source>“%1” is in %2 as a blob, reachable by its digest only. Make it reachable under a tag?</source>
        <translation>„%1“ liegt als Blob in %2 und ist nur über seinen Digest erreichbar. Unter einem Tag erreichbar machen?</translation>
    </message>
    <message>
        <source>An OCI artifact manifest pointing to the blob is pushed under the tag.</source>
        <translation>Dazu wird unter dem Tag ein OCI-Artefakt-Manifest gepusht, das auf den Blob verweist.</translation>
    </message>
    <message>
        <source>&amp;Tag…</source>
        <translation>&amp;Tag vergeben…</translation>
    </message>
    <message>
        <source>&amp;Not Now</source>
        <translation>&amp;Nicht jetzt</translation>
    </message>
    <message>
        <source>Make “%1” reachable in %2 under the tag:</source>
        <translation>„%1“ in %2 unter diesem Tag erreichbar machen:</translation>
    </message>
    <message>
        <source>Uploads Running</source>
        <translation>Laufende Uploads</translation>
    </message>
    <message numerus="yes">
        <source>%n upload(s) are still running.</source>
        <translation>
            <numerusform>%n Upload läuft noch.</numerusform>
            <numerusform>%n Uploads laufen noch.</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit and cancel them?</source>
        <translation>Beenden und sie abbrechen?</translation>
    </message>
    <message>
        <source>Push Image to %1</source>
        <translation>Image nach %1 pushen</translation>
    </message>
    <message>
        <source>Push Files to %1</source>
        <translation>Dateien nach %1 pushen</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Images: docker save or oci-archive tar (also gzip or zstd compressed), or an OCI layout&apos;s index.json (*.tar *.tar.gz *.tgz *.tar.zst *.tar.zstd *.tzst index.json oci-layout)</source>
        <translation>Images: tar von docker save oder oci-archive (auch mit gzip oder zstd komprimiert), oder die index.json eines OCI-Layouts (*.tar *.tar.gz *.tgz *.tar.zst *.tar.zstd *.tzst index.json oci-layout)</translation>
    </message>
    <message>
        <source>Transfers Running</source>
        <translation>Laufende Übertragungen</translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) are still running.</source>
        <translation>
            <numerusform>%n Übertragung läuft noch.</numerusform>
            <numerusform>%n Übertragungen laufen noch.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::Upload</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>not a readable file</source>
        <translation>keine lesbare Datei</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>Datei nicht vorhanden</translation>
    </message>
    <message>
        <source>%1 is shorter than the blob it should hold.</source>
        <translation>%1 ist kürzer als der darin erwartete Blob.</translation>
    </message>
    <message>
        <source>The registry reports %1 bytes received, %2 were sent.</source>
        <translation>Die Registry meldet %1 empfangene Bytes, gesendet wurden %2.</translation>
    </message>
    <message>
        <source>Gave up after %1 attempts: %2</source>
        <translation>Nach %1 Versuchen aufgegeben: %2</translation>
    </message>
    <message>
        <source>The registry received content whose digest is not %1: %2 changed while it was being uploaded, or is not what it claims to be.</source>
        <translation>Die Registry hat Inhalt empfangen, dessen Digest nicht %1 ist: %2 hat sich während des Hochladens geändert oder ist nicht das, was es vorgibt zu sein.</translation>
    </message>
    <message>
        <source>%1 changed while it was being uploaded; upload stopped.</source>
        <translation>%1 hat sich während des Hochladens geändert; das Hochladen wurde abgebrochen.</translation>
    </message>
    <message>
        <source>A file slice can only be read.</source>
        <translation>Ein Dateiausschnitt kann nur gelesen werden.</translation>
    </message>
    <message>
        <source>%1 is shorter than expected (%2 bytes, needed %3).</source>
        <translation>%1 ist kürzer als erwartet (%2 Bytes, benötigt %3).</translation>
    </message>
    <message>
        <source>%1 became shorter while it was being sent.</source>
        <translation>%1 ist während des Sendens kürzer geworden.</translation>
    </message>
    <message>
        <source>The image has no manifest to push.</source>
        <translation>Das Image hat kein Manifest zum Pushen.</translation>
    </message>
    <message>
        <source>The registry stored the manifest as %1, expected %2.</source>
        <translation>Die Registry hat das Manifest als %1 gespeichert, erwartet wurde %2.</translation>
    </message>
    <message>
        <source>%1 is not an image archive: it holds neither index.json nor manifest.json</source>
        <translation>%1 ist kein Image-Archiv: Es enthält weder index.json noch manifest.json</translation>
    </message>
    <message>
        <source>%1 is not an OCI image layout: it has no index.json</source>
        <translation>%1 ist kein OCI-Image-Layout: Es enthält keine index.json</translation>
    </message>
    <message>
        <source>OCI image layout</source>
        <translation>OCI-Image-Layout</translation>
    </message>
    <message>
        <source>docker save archive</source>
        <translation>Archiv aus docker save</translation>
    </message>
    <message>
        <source>OCI archive</source>
        <translation>OCI-Archiv</translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation>%1 fehlt</translation>
    </message>
    <message>
        <source>%1 (&quot;%2&quot;) points outside the archive</source>
        <translation>%1 („%2“) verweist auf einen Ort außerhalb des Archivs</translation>
    </message>
    <message>
        <source>%1 has no rootfs.diff_ids array</source>
        <translation>%1 hat kein Array rootfs.diff_ids</translation>
    </message>
    <message>
        <source>%1 is %2-compressed; only uncompressed, gzip and zstd layers can be pushed</source>
        <translation>%1 ist %2-komprimiert; nur unkomprimierte, gzip- und zstd-Layer können gepusht werden</translation>
    </message>
    <message>
        <source>%1 is not a JSON array</source>
        <translation>%1 ist kein JSON-Array</translation>
    </message>
    <message>
        <source>%1 lists %2 layers, but its config %3 has %4 rootfs.diff_ids</source>
        <translation>%1 führt %2 Layer auf, aber die zugehörige Konfiguration %3 hat %4 rootfs.diff_ids</translation>
    </message>
    <message>
        <source>%1: digest &quot;%2&quot; uses an unsupported algorithm; only sha256 is supported</source>
        <translation>%1: Der Digest „%2“ verwendet einen nicht unterstützten Algorithmus; nur sha256 wird unterstützt</translation>
    </message>
    <message>
        <source>%1: invalid digest &quot;%2&quot; (expected sha256: and 64 lowercase hex digits)</source>
        <translation>%1: ungültiger Digest „%2“ (erwartet: sha256: und 64 Hexadezimalziffern in Kleinschreibung)</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 (at byte %3)</source>
        <translation>%1 ist kein gültiges JSON: %2 (bei Byte %3)</translation>
    </message>
    <message>
        <source>%1 lists no images</source>
        <translation>%1 führt keine Images auf</translation>
    </message>
    <message>
        <source>%1 holds no image named &quot;%2&quot;; available: %3</source>
        <translation>%1 enthält kein Image namens „%2“; verfügbar: %3</translation>
    </message>
    <message>
        <source>%1 holds several images; choose one of: %2</source>
        <translation>%1 enthält mehrere Images; wählen Sie eines aus: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; matches several images in %2; available: %3</source>
        <translation>„%1“ passt auf mehrere Images in %2; verfügbar: %3</translation>
    </message>
    <message>
        <source>no such file or directory</source>
        <translation>Datei oder Verzeichnis nicht vorhanden</translation>
    </message>
    <message>
        <source>&quot;%1&quot; in %2</source>
        <translation>„%1“ in %2</translation>
    </message>
    <message>
        <source>%1: the path &quot;%2&quot; leaves the image source</source>
        <translation>%1: Der Pfad „%2“ führt aus der Image-Quelle heraus</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>keine Datei</translation>
    </message>
    <message>
        <source>%1 is too large (%2 bytes; at most %3 expected)</source>
        <translation>%1 ist zu groß (%2 Bytes; höchstens %3 erwartet)</translation>
    </message>
    <message>
        <source>the file is shorter than expected</source>
        <translation>die Datei ist kürzer als erwartet</translation>
    </message>
    <message>
        <source>%1 is not a valid descriptor (it needs mediaType, a digest and a size)</source>
        <translation>%1 ist kein gültiger Deskriptor (benötigt werden mediaType, ein Digest und eine Größe)</translation>
    </message>
    <message>
        <source>%1 has schemaVersion %2; only schemaVersion 2 is supported</source>
        <translation>%1 hat schemaVersion %2; nur schemaVersion 2 wird unterstützt</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>%1 names %2, but %3 is missing</source>
        <translation>%1 nennt %2, aber %3 fehlt</translation>
    </message>
    <message>
        <source>%1 names %2 with %3 bytes, but %4 has %5 bytes</source>
        <translation>%1 nennt %2 mit %3 Bytes, aber %4 hat %5 Bytes</translation>
    </message>
    <message>
        <source>%1 nests image indexes too deeply (at %2)</source>
        <translation>%1 verschachtelt Image-Indizes zu tief (bei %2)</translation>
    </message>
    <message>
        <source>manifest %1</source>
        <translation>Manifest %1</translation>
    </message>
    <message>
        <source>%1 is too large (%2 bytes)</source>
        <translation>%1 ist zu groß (%2 Bytes)</translation>
    </message>
    <message>
        <source>%1: the bytes of %2 hash to %3</source>
        <translation>%1: Die Bytes von %2 ergeben den Hash %3</translation>
    </message>
    <message>
        <source>%1 is not a JSON object</source>
        <translation>%1 ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>%1 says its mediaType is %2, but %3 names it as %4</source>
        <translation>%1 gibt als mediaType %2 an, aber %3 nennt %4</translation>
    </message>
    <message>
        <source>image index %1</source>
        <translation>Image-Index %1</translation>
    </message>
    <message>
        <source>%1 has no manifests array</source>
        <translation>%1 hat kein Array manifests</translation>
    </message>
    <message>
        <source>%1 is not an image manifest (it needs a config and layers)</source>
        <translation>%1 ist kein Image-Manifest (benötigt werden eine Konfiguration und Layer)</translation>
    </message>
    <message>
        <source>%1 has no imageLayoutVersion</source>
        <translation>%1 hat keine imageLayoutVersion</translation>
    </message>
    <message>
        <source>%1 is not an image index (no manifests array)</source>
        <translation>%1 ist kein Image-Index (kein Array manifests)</translation>
    </message>
    <message>
        <source>%1 is not a tar archive: the file is empty</source>
        <translation>%1 ist kein tar-Archiv: Die Datei ist leer</translation>
    </message>
    <message>
        <source>%1 is a compressed archive (%2); decompress it first (e.g. %3)</source>
        <translation>%1 ist ein komprimiertes Archiv (%2); entpacken Sie es zuerst (z. B. %3)</translation>
    </message>
    <message>
        <source>%1 is not a tar archive</source>
        <translation>%1 ist kein tar-Archiv</translation>
    </message>
    <message>
        <source>%1 is truncated: it ends inside the tar header at byte %2</source>
        <translation>%1 ist abgeschnitten: Die Datei endet innerhalb des tar-Headers bei Byte %2</translation>
    </message>
    <message>
        <source>%1 is damaged: bad tar header checksum at byte %2</source>
        <translation>%1 ist beschädigt: falsche Prüfsumme im tar-Header bei Byte %2</translation>
    </message>
    <message>
        <source>%1 is damaged: invalid size in the tar header at byte %2</source>
        <translation>%1 ist beschädigt: ungültige Größe im tar-Header bei Byte %2</translation>
    </message>
    <message>
        <source>%1 is truncated: member &quot;%2&quot; ends past the end of the file</source>
        <translation>%1 ist abgeschnitten: Der Eintrag „%2“ reicht über das Dateiende hinaus</translation>
    </message>
    <message>
        <source>%1 is damaged: oversized tar extension header at byte %2</source>
        <translation>%1 ist beschädigt: zu großer tar-Erweiterungsheader bei Byte %2</translation>
    </message>
    <message>
        <source>%1 is damaged: invalid PAX header at byte %2</source>
        <translation>%1 ist beschädigt: ungültiger PAX-Header bei Byte %2</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; leaves the archive</source>
        <translation>%1: „%2“ führt aus dem Archiv heraus</translation>
    </message>
    <message>
        <source>%1 has no member &quot;%2&quot;</source>
        <translation>%1 enthält keinen Eintrag „%2“</translation>
    </message>
    <message>
        <source>%1: link &quot;%2&quot; points to &quot;%3&quot;, which is not in the archive</source>
        <translation>%1: Der Link „%2“ verweist auf „%3“, das nicht im Archiv enthalten ist</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a regular file</source>
        <translation>%1: „%2“ ist keine reguläre Datei</translation>
    </message>
    <message>
        <source>%1: too many links from &quot;%2&quot; (a link loop?)</source>
        <translation>%1: zu viele Links ausgehend von „%2“ (eine Link-Schleife?)</translation>
    </message>
    <message>
        <source>%1: link &quot;%2&quot; -&gt; &quot;%3&quot; leaves the archive</source>
        <translation>%1: Der Link „%2“ -&gt; „%3“ führt aus dem Archiv heraus</translation>
    </message>
    <message>
        <source>Already in the repository; nothing sent.</source>
        <translation>Bereits im Repository vorhanden; nichts gesendet.</translation>
    </message>
    <message>
        <source>Mounted from %1; nothing sent.</source>
        <translation>Aus %1 eingebunden; nichts gesendet.</translation>
    </message>
    <message>
        <source>Uploaded.</source>
        <translation>Hochgeladen.</translation>
    </message>
    <message>
        <source>Pushed: %1 blobs sent, %2 already there, %3 mounted.</source>
        <translation>Gepusht: %1 Blobs gesendet, %2 bereits vorhanden, %3 eingebunden.</translation>
    </message>
    <message>
        <source>Tagged as an artifact.</source>
        <translation>Als Artefakt mit Tag versehen.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The registry refused to write to %1 (is it locked? writeEnabled may be false): %2</source>
        <translation>Die Registry hat das Schreiben in %1 verweigert (gesperrt? writeEnabled ist möglicherweise false): %2</translation>
    </message>
    <message>
        <source>not a regular file or directory</source>
        <translation>keine reguläre Datei und kein Verzeichnis</translation>
    </message>
    <message>
        <source>Index %1 lists another index; Berth copies one level of index.</source>
        <translation>Index %1 enthält einen weiteren Index; Berth kopiert nur eine Index-Ebene.</translation>
    </message>
    <message>
        <source>%1 has no platform %2 (it has: %3).</source>
        <translation>%1 hat keine Plattform %2 (vorhanden: %3).</translation>
    </message>
    <message>
        <source>The source registry sent %1 bytes of blob %2 where its manifest says %3.</source>
        <translation>Die Quell-Registry hat %1 Bytes von Blob %2 gesendet, laut Manifest sind es %3.</translation>
    </message>
    <message>
        <source>The pipe was closed for writing.</source>
        <translation>Die Pipe wurde zum Schreiben geschlossen.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot decompress %1 (%2): %3</source>
        <translation>%1 kann nicht entpackt werden (%2): %3</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>kein Speicher mehr frei</translation>
    </message>
    <message>
        <source>%1 is %2-compressed; only gzip and zstd archives can be read</source>
        <translation>%1 ist mit %2 komprimiert; nur gzip- und zstd-Archive können gelesen werden</translation>
    </message>
    <message>
        <source>the data ends in the middle</source>
        <translation>die Daten brechen mitten im Strom ab</translation>
    </message>
    <message>
        <source>image directory (dir:)</source>
        <translation>Image-Verzeichnis (dir:)</translation>
    </message>
</context>
<context>
    <name>Berth::UploadDock</name>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>Abgeschlossene &amp;entfernen</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Übertragungen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Remove the finished transfers from the list</source>
        <translation>Die abgeschlossenen Übertragungen aus der Liste entfernen</translation>
    </message>
    <message>
        <source>No transfers yet. Drop files onto a repository in the tree, or onto the open repository&apos;s tags or manifests: an image (an OCI layout directory or a docker save or oci-archive tar) is pushed under a tag you choose, any other file as a blob you can then tag. Drag tags onto another repository or registry in the tree to copy them, onto their own repository to tag them again. A tag&apos;s context menu also has Copy To…, Add Tag… and Save Image As…; Registry ▸ Push File… and Push Image… push to the open repository.</source>
        <translation>Noch keine Übertragungen. Legen Sie Dateien auf einem Repository im Baum ab oder auf den Tags oder Manifesten des geöffneten Repositorys: Ein Image (ein OCI-Layout-Verzeichnis oder ein tar aus docker save oder oci-archive) wird unter einem Tag Ihrer Wahl gepusht, jede andere Datei als Blob, den Sie danach mit einem Tag versehen können. Ziehen Sie Tags auf ein anderes Repository oder eine andere Registry im Baum, um sie zu kopieren, auf ihr eigenes Repository, um ein weiteres Tag zu setzen. Das Kontextmenü eines Tags bietet außerdem Kopieren nach…, Tag hinzufügen… und Image speichern unter…; Registry ▸ Datei pushen… und Image pushen… pushen in das geöffnete Repository.</translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation>
            <numerusform>%n läuft</numerusform>
            <numerusform>%n laufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n angehalten</numerusform>
            <numerusform>%n angehalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n wartet</numerusform>
            <numerusform>%n warten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Transfers — %1</source>
        <translation>Übertragungen — %1</translation>
    </message>
</context>
<context>
    <name>Berth::UploadDrop</name>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
    <message>
        <source>%1 is not an OCI image layout (a directory needs an oci-layout file and an index.json)</source>
        <translation>%1 ist kein OCI-Image-Layout (ein Verzeichnis benötigt eine Datei oci-layout und eine index.json)</translation>
    </message>
</context>
<context>
    <name>Berth::UploadQueueModel</name>
    <message>
        <source>Cancelled: the connection to the registry was closed.</source>
        <translation>Abgebrochen: Die Verbindung zur Registry wurde geschlossen.</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Cancel, pause or resume, retry</source>
        <translation>Abbrechen, pausieren oder fortsetzen, wiederholen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Time Left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Hashing</source>
        <translation>Hash wird berechnet</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Neuer Versuch</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Wird abgeschlossen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>Wird kopiert</translation>
    </message>
    <message>
        <source>Download %1
→ %2</source>
        <translation>%1 herunterladen
→ %2</translation>
    </message>
    <message>
        <source>Copy %1
→ %2</source>
        <translation>%1 kopieren
→ %2</translation>
    </message>
    <message>
        <source>Upload %1
→ %2</source>
        <translation>%1 hochladen
→ %2</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Wird gelesen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>A desktop browser for container registries.</source>
        <translation>Ein Desktop-Browser für Container-Registrys.</translation>
    </message>
    <message>
        <source>Open the built-in demo registry (nothing is saved).</source>
        <translation>Die integrierte Demo-Registry öffnen (es wird nichts gespeichert).</translation>
    </message>
    <message>
        <source>Save a screenshot and quit.</source>
        <translation>Einen Screenshot speichern und beenden.</translation>
    </message>
    <message>
        <source>Demo registry</source>
        <translation>Demo-Registry</translation>
    </message>
</context>
</TS>
