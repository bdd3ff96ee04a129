<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ConsoleSettings</name>
    <message>
        <source>line %1: binary data</source>
        <translation>Zeile %1: Binärdaten</translation>
    </message>
    <message>
        <source>line %1: &quot;%2&quot;</source>
        <translation>Zeile %1: &quot;%2&quot;</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>PayOps Console: issuer health, anomaly triage and the embedded payments agent.</source>
        <translation>PayOps Console: Issuer-Zustand, Anomalie-Triage und der eingebettete Zahlungsagent.</translation>
    </message>
    <message>
        <source>Agent database (SQLite).</source>
        <translation>Agent-Datenbank (SQLite).</translation>
    </message>
    <message>
        <source>Settings file (INI) instead of the user&apos;s.</source>
        <translation>Einstellungsdatei (INI) anstelle der des Benutzers.</translation>
    </message>
    <message>
        <source>Built-in scenario for a new run.</source>
        <translation>Integriertes Szenario für einen neuen Lauf.</translation>
    </message>
    <message>
        <source>Simulated seconds per second (1-1000).</source>
        <translation>Simulierte Sekunden pro Sekunde (1-1000).</translation>
    </message>
    <message>
        <source>Start a new run instead of resuming.</source>
        <translation>Einen neuen Lauf starten, statt fortzusetzen.</translation>
    </message>
    <message>
        <source>Write a PNG of the window and quit.</source>
        <translation>Ein PNG des Fensters schreiben und beenden.</translation>
    </message>
    <message>
        <source>Quit (taking the screenshot) after N ms.</source>
        <translation>Nach N ms beenden (und dabei den Screenshot aufnehmen).</translation>
    </message>
    <message>
        <source>Page to show: health, anomalies.</source>
        <translation>Anzuzeigende Seite: health, anomalies.</translation>
    </message>
    <message>
        <source>light, dark or system.</source>
        <translation>light, dark oder system.</translation>
    </message>
    <message>
        <source>Language: en, de.</source>
        <translation>Sprache: en, de.</translation>
    </message>
    <message>
        <source>Window size WIDTHxHEIGHT.</source>
        <translation>Fenstergröße BREITExHÖHE.</translation>
    </message>
    <message>
        <source>Print the time to the first paint.</source>
        <translation>Die Zeit bis zum ersten Zeichnen ausgeben.</translation>
    </message>
    <message>
        <source>--theme must be light, dark or system, not &quot;%1&quot;</source>
        <translation>--theme muss light, dark oder system sein, nicht „%1“</translation>
    </message>
    <message>
        <source>cannot create the data directory %1</source>
        <translation>das Datenverzeichnis %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>--speed must be a number from 1 to 1000</source>
        <translation>--speed muss eine Zahl von 1 bis 1000 sein</translation>
    </message>
    <message>
        <source>no page &quot;%1&quot; (pages: %2)</source>
        <translation>keine Seite „%1“ (Seiten: %2)</translation>
    </message>
    <message>
        <source>--quit-after-ms must be a number of milliseconds</source>
        <translation>--quit-after-ms muss eine Anzahl von Millisekunden sein</translation>
    </message>
    <message>
        <source>Remote sync server(s), ws:// or wss:// (saved like File &gt; Remote sync; an empty value works offline).</source>
        <translation>Server für die entfernte Synchronisierung, ws:// oder wss:// (gespeichert wie unter Datei &gt; Entfernte Synchronisierung; ein leerer Wert arbeitet offline).</translation>
    </message>
    <message>
        <source>Where the pages&apos; data comes from: local, remote (a remote agent through the sync server) or python-feed (saved like Agent &gt; Data source).</source>
        <translation>Woher die Daten der Seiten kommen: local, remote (ein entfernter Agent über den Sync-Server) oder python-feed (gespeichert wie unter Agent &gt; Datenquelle).</translation>
    </message>
    <message>
        <source>Tenant whose remote agent to follow.</source>
        <translation>Mandant, dessen entferntem Agenten gefolgt wird.</translation>
    </message>
    <message>
        <source>URL of the Python agent&apos;s telemetry feed.</source>
        <translation>URL des Telemetrie-Feeds des Python-Agenten.</translation>
    </message>
    <message>
        <source>--source must be local, remote or python-feed, not &quot;%1&quot;</source>
        <translation>--source muss local, remote oder python-feed sein, nicht „%1“</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot; (options start with --; see --help)</source>
        <translation>unerwartetes Argument „%1“ (Optionen beginnen mit --; siehe --help)</translation>
    </message>
    <message>
        <source>--lang must be en or de, not &quot;%1&quot;</source>
        <translation>--lang muss en oder de sein, nicht „%1“</translation>
    </message>
    <message>
        <source>--size must look like 1400x900, from 320x240 up to 7680x4320</source>
        <translation>--size muss die Form 1400x900 haben, von 320x240 bis 7680x4320</translation>
    </message>
    <message>
        <source>%1 needs a value, not the option %2 (see --help)</source>
        <translation>%1 braucht einen Wert, nicht die Option %2 (siehe --help)</translation>
    </message>
    <message>
        <source>--settings %1 is not a settings file the console can read%2; it is left as it is. Give another file, or a new name to start afresh.</source>
        <translation>--settings %1 ist keine Einstellungsdatei, die die Konsole lesen kann%2; sie bleibt unverändert. Geben Sie eine andere Datei an oder einen neuen Namen, um neu zu beginnen.</translation>
    </message>
    <message>
        <source>Your settings file %1 cannot be read%2. The console starts with default settings and saves none this time; the file is left as it is.</source>
        <translation>Ihre Einstellungsdatei %1 kann nicht gelesen werden%2. Die Konsole startet mit den Standardeinstellungen und speichert diesmal keine; die Datei bleibt unverändert.</translation>
    </message>
    <message>
        <source>Your settings file %1 could not be read%2. It is kept as %3, and the console starts with default settings.</source>
        <translation>Ihre Einstellungsdatei %1 konnte nicht gelesen werden%2. Sie ist als %3 aufbewahrt, und die Konsole startet mit den Standardeinstellungen.</translation>
    </message>
    <message>
        <source>Settings cannot be saved to %1 (%2): what you change now lasts for this session only.</source>
        <translation>Die Einstellungen können nicht in %1 gespeichert werden (%2): was Sie jetzt ändern, gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>payops-console: --size %1x%2 is smaller than the window can be; it opens at %3x%4 or larger.</source>
        <translation>payops-console: --size %1x%2 ist kleiner, als das Fenster sein kann; es öffnet mit %3x%4 oder größer.</translation>
    </message>
    <message>
        <source>--tenant &quot;%1&quot; is not one subject token: give a name without dots, spaces, * or &gt;</source>
        <translation>--tenant „%1“ ist kein einzelnes Subject-Token: einen Namen ohne Punkte, Leerzeichen, * oder &gt; angeben</translation>
    </message>
    <message>
        <source>--source remote follows an agent through the sync server, and none is set: add --sync-server URL (or set one in File &gt; Remote sync).</source>
        <translation>--source remote folgt einem Agenten über den Sync-Server, und keiner ist eingestellt: geben Sie --sync-server URL an (oder stellen Sie einen unter Datei &gt; Entfernte Synchronisierung ein).</translation>
    </message>
    <message>
        <source>--scenario %1 is for a new run: the saved run of %2 continues. Add --new-run to start %1.</source>
        <translation>--scenario %1 gilt für einen neuen Lauf: der gespeicherte Lauf von %2 läuft weiter. Mit --new-run startet %1.</translation>
    </message>
    <message>
        <source>--python-feed: &quot;%1&quot; is not a ws:// or wss:// URL%2</source>
        <translation>--python-feed: „%1“ ist keine ws://- oder wss://-URL%2</translation>
    </message>
    <message>
        <source>--sync-server: &quot;%1&quot; is not a ws:// or wss:// URL%2</source>
        <translation>--sync-server: „%1“ ist keine ws://- oder wss://-URL%2</translation>
    </message>
</context>
<context>
    <name>payops::AnomaliesPage</name>
    <message>
        <source>Search: id, issuer, pattern, owner…</source>
        <translation>Suche: ID, Issuer, Muster, Zuständige…</translation>
    </message>
    <message>
        <source>Search anomalies</source>
        <translation>Anomalien durchsuchen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>State filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Lösen…</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Schlummern</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>4 hours</source>
        <translation>4 Stunden</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 Stunden</translation>
    </message>
    <message>
        <source>Wake up now</source>
        <translation>Jetzt aufwecken</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>Zuweisen…</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>Anomalien</translation>
    </message>
    <message>
        <source>Select the anomalies to acknowledge first.</source>
        <translation>Wählen Sie zuerst die zu bestätigenden Anomalien aus.</translation>
    </message>
    <message numerus="yes">
        <source>Acknowledged %n anomaly(ies).</source>
        <translation>
            <numerusform>%n Anomalie bestätigt.</numerusform>
            <numerusform>%n Anomalien bestätigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the anomalies to resolve first.</source>
        <translation>Wählen Sie zuerst die zu lösenden Anomalien aus.</translation>
    </message>
    <message>
        <source>Resolve anomalies</source>
        <translation>Anomalien lösen</translation>
    </message>
    <message>
        <source>What fixed it? The note goes on each anomaly&apos;s timeline.</source>
        <translation>Was hat das Problem behoben? Die Notiz wird in die Zeitleiste jeder Anomalie eingetragen.</translation>
    </message>
    <message numerus="yes">
        <source>Resolved %n anomaly(ies).</source>
        <translation>
            <numerusform>%n Anomalie gelöst.</numerusform>
            <numerusform>%n Anomalien gelöst.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the anomalies to snooze first.</source>
        <translation>Wählen Sie zuerst die Anomalien aus, die schlummern sollen.</translation>
    </message>
    <message numerus="yes">
        <source>Snoozed %n anomaly(ies) for %1.</source>
        <translation>
            <numerusform>%n Anomalie schlummert für %1.</numerusform>
            <numerusform>%n Anomalien schlummern für %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the anomalies to assign first.</source>
        <translation>Wählen Sie zuerst die zuzuweisenden Anomalien aus.</translation>
    </message>
    <message>
        <source>Assign anomalies</source>
        <translation>Anomalien zuweisen</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Silence #%1 created (%2).</source>
        <translation>Stummschaltung #%1 angelegt (%2).</translation>
    </message>
    <message>
        <source>%1 of %2 anomalies shown</source>
        <translation>%1 von %2 Anomalien angezeigt</translation>
    </message>
    <message numerus="yes">
        <source>%n silenced</source>
        <translation>
            <numerusform>%n stummgeschaltet</numerusform>
            <numerusform>%n stummgeschaltet</numerusform>
        </translation>
    </message>
    <message>
        <source>Silences (%1)</source>
        <translation>Stummschaltungen (%1)</translation>
    </message>
    <message>
        <source>No active silences</source>
        <translation>Keine aktiven Stummschaltungen</translation>
    </message>
    <message>
        <source>Remove silence</source>
        <translation>Stummschaltung entfernen</translation>
    </message>
    <message>
        <source>Until a time…</source>
        <translation>Bis zu einer Uhrzeit…</translation>
    </message>
    <message>
        <source>Snooze until</source>
        <translation>Schlummern bis</translation>
    </message>
    <message>
        <source>Until when? HH:MM (today, or tomorrow if that has passed) or YYYY-MM-DD HH:MM, local time.</source>
        <translation>Bis wann? HH:MM (heute, oder morgen, falls die Zeit schon vorbei ist) oder JJJJ-MM-TT HH:MM, Ortszeit.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time: write HH:MM or YYYY-MM-DD HH:MM.</source>
        <translation>„%1“ ist keine Uhrzeit: Schreiben Sie HH:MM oder JJJJ-MM-TT HH:MM.</translation>
    </message>
    <message>
        <source>Silenced and snoozed anomalies are hidden unless you show them here</source>
        <translation>Stummgeschaltete und schlummernde Anomalien sind ausgeblendet, bis Sie sie hier einblenden</translation>
    </message>
    <message>
        <source>Silenced</source>
        <translation>Stummgeschaltete</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Schlummernde</translation>
    </message>
    <message>
        <source>New silence…</source>
        <translation>Neue Stummschaltung…</translation>
    </message>
    <message>
        <source>silenced</source>
        <translation>stummgeschaltete</translation>
    </message>
    <message>
        <source>snoozed</source>
        <translation>schlummernde</translation>
    </message>
    <message>
        <source>Also show</source>
        <translation>Auch zeigen</translation>
    </message>
    <message>
        <source>Also show: %1</source>
        <translation>Auch zeigen: %1</translation>
    </message>
    <message>
        <source>Nothing to acknowledge: the selected anomalies are already acknowledged or resolved.</source>
        <translation>Nichts zu bestätigen: Die ausgewählten Anomalien sind bereits bestätigt oder gelöst.</translation>
    </message>
    <message numerus="yes">
        <source>Acknowledged %n anomaly(ies); the others were already acknowledged or resolved.</source>
        <translation>
            <numerusform>%n Anomalie bestätigt; die übrigen waren bereits bestätigt oder gelöst.</numerusform>
            <numerusform>%n Anomalien bestätigt; die übrigen waren bereits bestätigt oder gelöst.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the filter hides them: choose All, or show silenced and snoozed ones</source>
        <translation>
            <numerusform>der Filter blendet sie aus: Wählen Sie „Alle“ oder zeigen Sie stummgeschaltete und schlummernde an</numerusform>
            <numerusform>der Filter blendet sie aus: Wählen Sie „Alle“ oder zeigen Sie stummgeschaltete und schlummernde an</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledge the selected anomalies (%1)</source>
        <translation>Die ausgewählten Anomalien bestätigen (%1)</translation>
    </message>
    <message>
        <source>Resolve the selected anomalies with a note (%1)</source>
        <translation>Die ausgewählten Anomalien mit einer Notiz lösen (%1)</translation>
    </message>
    <message>
        <source>Hide the selected anomalies from the open list for a while (%1: one hour)</source>
        <translation>Die ausgewählten Anomalien eine Weile aus der Liste der offenen ausblenden (%1: eine Stunde)</translation>
    </message>
</context>
<context>
    <name>payops::AnomalyDetailView</name>
    <message>
        <source>Add a note to the timeline…</source>
        <translation>Notiz zur Zeitleiste hinzufügen…</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Select an anomaly to see its evidence, hypotheses and the agent&apos;s options.</source>
        <translation>Wählen Sie eine Anomalie aus, um ihre Belege, Hypothesen und die Optionen des Agenten zu sehen.</translation>
    </message>
    <message>
        <source>#%1 %2 on %3</source>
        <translation>#%1 %2 bei %3</translation>
    </message>
    <message>
        <source>z</source>
        <translation>z</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>started %1 (simulated)</source>
        <translation>begonnen %1 (simuliert)</translation>
    </message>
    <message numerus="yes">
        <source>flagged for %n cycle(s)</source>
        <translation>
            <numerusform>seit %n Zyklus markiert</numerusform>
            <numerusform>seit %n Zyklen markiert</numerusform>
        </translation>
    </message>
    <message>
        <source>cleared %1</source>
        <translation>abgeklungen %1</translation>
    </message>
    <message>
        <source>owner %1</source>
        <translation>verantwortlich: %1</translation>
    </message>
    <message>
        <source>resolved by %1: %2</source>
        <translation>gelöst von %1: %2</translation>
    </message>
    <message>
        <source>silenced by #%1 (%2)</source>
        <translation>stummgeschaltet durch #%1 (%2)</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Hypotheses</source>
        <translation>Hypothesen</translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation>Noch keine.</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>gelöst</translation>
    </message>
    <message>
        <source>Root cause:</source>
        <translation>Grundursache:</translation>
    </message>
    <message>
        <source>failure:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <source>impact:</source>
        <translation>Auswirkung:</translation>
    </message>
    <message>
        <source>Agent&apos;s options</source>
        <translation>Optionen des Agenten</translation>
    </message>
    <message>
        <source>No intervention addresses this anomaly.</source>
        <translation>Kein Eingriff behandelt diese Anomalie.</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>Blast radius</source>
        <translation>Wirkungsradius</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <source>needs approval: %1</source>
        <translation>Genehmigung erforderlich: %1</translation>
    </message>
    <message>
        <source>autonomous</source>
        <translation>autonom</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>abgelehnt: %1</translation>
    </message>
    <message>
        <source>Pre-mortem risk %1</source>
        <translation>Pre-Mortem-Risiko %1</translation>
    </message>
    <message>
        <source>If it goes wrong: %1</source>
        <translation>Falls es schiefgeht: %1</translation>
    </message>
    <message>
        <source>Mitigation: %1</source>
        <translation>Gegenmaßnahme: %1</translation>
    </message>
    <message>
        <source>the agent acted on another anomaly this cycle (%1)</source>
        <translation>der Agent hat in diesem Zyklus bei einer anderen Anomalie eingegriffen (%1)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Noch keine Notizen.</translation>
    </message>
    <message>
        <source>bar %1</source>
        <translation>Schwelle %1</translation>
    </message>
    <message>
        <source>No anomalies in this run yet.</source>
        <translation>In diesem Lauf gibt es noch keine Anomalien.</translation>
    </message>
    <message>
        <source>The agent raises one when an issuer, a payment method or all traffic departs from its usual success rate, latency or retries. Each comes with its evidence against the expected band, hypotheses and the agent&apos;s options.</source>
        <translation>Der Agent meldet eine, wenn ein Issuer, eine Zahlungsart oder der gesamte Verkehr von seiner üblichen Erfolgsquote, Latenz oder Wiederholungsrate abweicht. Jede kommt mit ihren Belegen gegen den Erwartungsbereich, Hypothesen und den Optionen des Agenten.</translation>
    </message>
    <message>
        <source>resolved by the agent: its pattern cleared</source>
        <translation>vom Agenten gelöst: das Muster ist abgeklungen</translation>
    </message>
    <message>
        <source>resolved by the agent: cleared before this console opened</source>
        <translation>vom Agenten gelöst: abgeklungen, bevor diese Konsole geöffnet wurde</translation>
    </message>
    <message>
        <source>z %1 (up to %2)</source>
        <translation>z %1 (bis zu %2)</translation>
    </message>
    <message>
        <source>No run is shown.</source>
        <translation>Es wird kein Lauf angezeigt.</translation>
    </message>
    <message>
        <source>The agent has not opened a run; the message at the top of the window says why.</source>
        <translation>Der Agent hat keinen Lauf geöffnet; die Meldung oben im Fenster nennt den Grund.</translation>
    </message>
    <message>
        <source>&lt;b&gt;#%1 %2 %3&lt;/b&gt; in force since %4, until %5 (%6)</source>
        <translation>&lt;b&gt;#%1 %2 %3&lt;/b&gt; in Kraft seit %4, bis %5 (%6)</translation>
    </message>
    <message>
        <source>&lt;b&gt;request #%1: %2 %3&lt;/b&gt; (NRV %4) waits for approval since %5, until %6: %7</source>
        <translation>&lt;b&gt;Anfrage #%1: %2 %3&lt;/b&gt; (NRV %4) wartet seit %5 auf Freigabe, bis %6: %7</translation>
    </message>
    <message>
        <source>In force and waiting</source>
        <translation>In Kraft und wartend</translation>
    </message>
    <message>
        <source>Evidence vs expected</source>
        <translation>Belege im Vergleich zur Erwartung</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>Decide with payops-agent approvals approve %1 --db %2, or reject %1 --db %2 --reason …</source>
        <translation>Entscheiden mit payops-agent approvals approve %1 --db %2 oder reject %1 --db %2 --reason …</translation>
    </message>
    <message>
        <source>approval #%1 by %2</source>
        <translation>Freigabe #%1 durch %2</translation>
    </message>
    <message>
        <source>The agent&apos;s latest decision</source>
        <translation>Letzte Entscheidung des Agenten</translation>
    </message>
    <message>
        <source>Your role is read only: no notes.</source>
        <translation>Ihre Rolle darf nur lesen: keine Notizen.</translation>
    </message>
    <message>
        <source>z of a count (failures, a failure code, retries, slow or missing transactions): the odds of a count at least this far from the usual one or the bar, as a normal deviate. A count is skewed, so this differs from (value − expected) / spread.</source>
        <translation>z einer Anzahl (Fehler, ein Fehlercode, Wiederholungen, langsame oder fehlende Transaktionen): die Wahrscheinlichkeit einer mindestens so weit vom Üblichen oder von der Schwelle entfernten Anzahl, als Normalabweichung. Eine Anzahl ist schief verteilt, daher weicht dies von (Wert − erwartet) / Streuung ab.</translation>
    </message>
    <message>
        <source>Following another process&apos;s run: notes go in its console.</source>
        <translation>Lauf eines anderen Prozesses: Notizen gehören in dessen Konsole.</translation>
    </message>
</context>
<context>
    <name>payops::AnomalyTableModel</name>
    <message>
        <source>Silenced by #%1 (%2)</source>
        <translation>Stummgeschaltet durch #%1 (%2)</translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation>Schlummert bis %1</translation>
    </message>
    <message>
        <source>silenced</source>
        <translation>stummgeschaltet</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>z</source>
        <translation>z</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Also seen on %1 (its evidence is in the detail pane)</source>
        <translation>Auch zu sehen auf %1 (die Belege stehen in der Detailansicht)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
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
        <source>The worst the anomaly has been; ↓ when it has come down since (the detail pane shows both)</source>
        <translation>Der schlimmste Stand der Anomalie; ↓, wenn sie seither zurückgegangen ist (die Detailansicht zeigt beides)</translation>
    </message>
    <message>
        <source>%1 at its worst (z up to %2), now %3 (z %4)</source>
        <translation>%1 im schlimmsten Fall (z bis zu %2), jetzt %3 (z %4)</translation>
    </message>
    <message>
        <source>z up to %1; now %2</source>
        <translation>z bis zu %1; jetzt %2</translation>
    </message>
</context>
<context>
    <name>payops::CommandPalette</name>
    <message>
        <source>Type a command: ack 12 13, snooze 1h, go health, theme dark…</source>
        <translation>Befehl eingeben: ack 12 13, snooze 1h, go health, theme dark…</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
</context>
<context>
    <name>payops::ConsoleData</name>
    <message>
        <source>Not done: as %1 you may not add notes; this role is read only. Change your role under File &gt; Profile.</source>
        <translation>Nicht ausgeführt: als %1 dürfen Sie keine Notizen hinzufügen; diese Rolle darf nur lesen. Ihre Rolle ändern Sie unter Datei &gt; Profil.</translation>
    </message>
    <message>
        <source>Not done: as %1 you may not acknowledge, snooze, assign, resolve or silence anomalies; the on-call engineer and the admin may. Change your role under File &gt; Profile.</source>
        <translation>Nicht ausgeführt: als %1 dürfen Sie Anomalien nicht bestätigen, schlummern, zuweisen, lösen oder stummschalten; Bereitschaftsingenieur und Administrator dürfen es. Ihre Rolle ändern Sie unter Datei &gt; Profil.</translation>
    </message>
    <message>
        <source>Cycles %1 to %2 of the followed run were removed from the database before this console read them; anomalies that opened and cleared in them are not shown.</source>
        <translation>Die Zyklen %1 bis %2 des verfolgten Laufs wurden aus der Datenbank entfernt, bevor diese Konsole sie gelesen hat; Anomalien, die darin begannen und endeten, werden nicht angezeigt.</translation>
    </message>
    <message>
        <source>Not done: this console follows a run another process holds, and only shows its triage. Triage it in the console that runs it, or take the run over here with Run agent once that process has stopped.</source>
        <translation>Nicht ausgeführt: Diese Konsole verfolgt einen Lauf, den ein anderer Prozess hält, und zeigt dessen Triage nur an. Triagieren Sie in der Konsole, die ihn ausführt, oder übernehmen Sie den Lauf hier mit „Agent starten“, sobald jener Prozess beendet ist.</translation>
    </message>
    <message>
        <source>Not saved: %1. The change stays in this window and is saved with the next cycle or change the file takes.</source>
        <translation>Nicht gespeichert: %1. Die Änderung bleibt in diesem Fenster und wird mit dem nächsten Zyklus oder der nächsten Änderung gespeichert, die die Datei annimmt.</translation>
    </message>
</context>
<context>
    <name>payops::ConsoleSettings</name>
    <message>
        <source>it is a directory</source>
        <translation>es ist ein Verzeichnis</translation>
    </message>
    <message>
        <source>the file is not writable</source>
        <translation>die Datei ist schreibgeschützt</translation>
    </message>
    <message>
        <source>its directory is not writable</source>
        <translation>ihr Verzeichnis ist schreibgeschützt</translation>
    </message>
</context>
<context>
    <name>payops::DataSourceRouter</name>
    <message>
        <source>Not saved: %1 is damaged. The change stays in this window until it closes; restore the file from a backup, or start the console with another --db.</source>
        <translation>Nicht gespeichert: %1 ist beschädigt. Die Änderung bleibt in diesem Fenster, bis es geschlossen wird; stellen Sie die Datei aus einer Sicherung wieder her oder starten Sie die Konsole mit einer anderen --db.</translation>
    </message>
</context>
<context>
    <name>payops::HealthPage</name>
    <message>
        <source>Issuer and method health</source>
        <translation>Zustand von Issuern und Zahlungsmethoden</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Last 5 min</source>
        <translation>Letzte 5 min</translation>
    </message>
    <message>
        <source>Last 15 min</source>
        <translation>Letzte 15 min</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 6 h</source>
        <translation>Letzte 6 h</translation>
    </message>
    <message>
        <source>Last 24 h</source>
        <translation>Letzte 24 h</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Freeze the chart; data keeps arriving</source>
        <translation>Diagramm einfrieren; Daten treffen weiterhin ein</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>Drag across the chart to zoom into a time span</source>
        <translation>Über das Diagramm ziehen, um in einen Zeitraum hineinzuzoomen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNG exportieren…</translation>
    </message>
    <message>
        <source>System health: 100% less half the mean confidence of the hypotheses now open about a failure (100% when none is open).</source>
        <translation>Systemzustand: 100 % abzüglich der halben mittleren Konfidenz der offenen Hypothesen zu einem Ausfall (100 %, wenn keine offen ist).</translation>
    </message>
    <message>
        <source>Exported the visible range to %1</source>
        <translation>Sichtbarer Bereich nach %1 exportiert</translation>
    </message>
    <message>
        <source>Saved the chart to %1</source>
        <translation>Diagramm unter %1 gespeichert</translation>
    </message>
    <message>
        <source>Export visible range</source>
        <translation>Sichtbaren Bereich exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>issuers: %1 down, %2 degraded</source>
        <translation>Issuer: %1 ausgefallen, %2 beeinträchtigt</translation>
    </message>
    <message>
        <source>methods: %1 down, %2 degraded</source>
        <translation>Zahlungsarten: %1 ausgefallen, %2 beeinträchtigt</translation>
    </message>
    <message>
        <source>system health %1</source>
        <translation>Systemzustand %1</translation>
    </message>
</context>
<context>
    <name>payops::IssuerHealthModel</name>
    <message>
        <source>Healthy</source>
        <translation>Gesund</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Beeinträchtigt</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Ausgefallen</translation>
    </message>
    <message>
        <source>Issuer / method</source>
        <translation>Issuer / Methode</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>p95 latency</source>
        <translation>p95-Latenz</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Trend</translation>
    </message>
    <message>
        <source>Judged on each cycle&apos;s own transactions: an incident shows here when it starts and clears when it ends</source>
        <translation>Beurteilt nach den Transaktionen jedes einzelnen Zyklus: ein Vorfall erscheint hier, wenn er beginnt, und verschwindet, wenn er endet</translation>
    </message>
    <message>
        <source>Over the transaction window (the last five minutes by default): it trails an incident&apos;s start and end by minutes. The chart&apos;s default shows each cycle&apos;s own figures.</source>
        <translation>Über das Transaktionsfenster (standardmäßig die letzten fünf Minuten): es folgt Beginn und Ende eines Vorfalls mit Minuten Verzögerung. Das Diagramm zeigt standardmäßig die Werte jedes einzelnen Zyklus.</translation>
    </message>
    <message>
        <source>The window&apos;s success rate over the last %1 cycles; each row is scaled to its own range, at least ten percentage points</source>
        <translation>Die Erfolgsquote des Fensters über die letzten %1 Zyklen; jede Zeile ist auf ihren eigenen Bereich skaliert, mindestens zehn Prozentpunkte</translation>
    </message>
    <message>
        <source>suppressed by #%1</source>
        <translation>gesperrt durch #%1</translation>
    </message>
    <message>
        <source>rerouted to %1 by #%2</source>
        <translation>durch #%2 nach %1 umgeleitet</translation>
    </message>
</context>
<context>
    <name>payops::MainWindow</name>
    <message>
        <source>PayOps Console</source>
        <translation>PayOps Console</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation>A&amp;gent</translation>
    </message>
    <message>
        <source>A&amp;nomalies</source>
        <translation>A&amp;nomalien</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Agent controls</source>
        <translation>Agentensteuerung</translation>
    </message>
    <message>
        <source>Pause agent</source>
        <translation>Agent anhalten</translation>
    </message>
    <message>
        <source>Run agent</source>
        <translation>Agent starten</translation>
    </message>
    <message>
        <source>Single step</source>
        <translation>Einzelschritt</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>Schneller</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>Langsamer</translation>
    </message>
    <message>
        <source>Reset demo with the selected scenario</source>
        <translation>Demo mit dem ausgewählten Szenario zurücksetzen</translation>
    </message>
    <message>
        <source>Go to Health</source>
        <translation>Zur Seite Zustand</translation>
    </message>
    <message>
        <source>Go to Anomalies</source>
        <translation>Zur Seite Anomalien</translation>
    </message>
    <message>
        <source>Command palette…</source>
        <translation>Befehlspalette…</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Acknowledge selected anomalies</source>
        <translation>Ausgewählte Anomalien bestätigen</translation>
    </message>
    <message>
        <source>Resolve selected anomalies…</source>
        <translation>Ausgewählte Anomalien lösen…</translation>
    </message>
    <message>
        <source>Snooze selected anomalies for 1 hour</source>
        <translation>Ausgewählte Anomalien für 1 Stunde schlummern lassen</translation>
    </message>
    <message>
        <source>New silence…</source>
        <translation>Neue Stummschaltung…</translation>
    </message>
    <message>
        <source>Search anomalies</source>
        <translation>Anomalien durchsuchen</translation>
    </message>
    <message>
        <source>Export chart range to CSV…</source>
        <translation>Diagrammbereich als CSV exportieren…</translation>
    </message>
    <message>
        <source>Export chart to PNG…</source>
        <translation>Diagramm als PNG exportieren…</translation>
    </message>
    <message>
        <source>Pause or resume live chart</source>
        <translation>Live-Diagramm anhalten oder fortsetzen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Theme: follow the system</source>
        <translation>Design: dem System folgen</translation>
    </message>
    <message>
        <source>Theme: light</source>
        <translation>Design: hell</translation>
    </message>
    <message>
        <source>Theme: dark</source>
        <translation>Design: dunkel</translation>
    </message>
    <message>
        <source>Simulated time per wall-clock second</source>
        <translation>Simulierte Zeit pro Echtzeitsekunde</translation>
    </message>
    <message>
        <source>Scenario for the next reset</source>
        <translation>Szenario für das nächste Zurücksetzen</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>Anomalien</translation>
    </message>
    <message>
        <source>%1 · %2 (local profile)</source>
        <translation>%1 · %2 (lokales Profil)</translation>
    </message>
    <message>
        <source>Agent: stopped</source>
        <translation>Agent: gestoppt</translation>
    </message>
    <message>
        <source>Agent: running</source>
        <translation>Agent: läuft</translation>
    </message>
    <message>
        <source>Agent: paused</source>
        <translation>Agent: angehalten</translation>
    </message>
    <message>
        <source>cycle %1</source>
        <translation>Zyklus %1</translation>
    </message>
    <message>
        <source>Simulated %1</source>
        <translation>Simuliert %1</translation>
    </message>
    <message>
        <source>Speed %1×</source>
        <translation>Geschwindigkeit %1×</translation>
    </message>
    <message>
        <source>Sync: offline (local)</source>
        <translation>Synchronisierung: offline (lokal)</translation>
    </message>
    <message>
        <source>No remote service is configured: the agent runs on this machine with the simulator.</source>
        <translation>Kein entfernter Dienst konfiguriert: Der Agent läuft mit dem Simulator auf diesem Rechner.</translation>
    </message>
    <message>
        <source>Offline demo</source>
        <translation>Offline-Demo</translation>
    </message>
    <message>
        <source>simulated payment traffic, scenario &lt;i&gt;%1&lt;/i&gt;. Nothing here touches real payments.</source>
        <translation>simulierter Zahlungsverkehr, Szenario &lt;i&gt;%1&lt;/i&gt;. Nichts hier berührt echte Zahlungen.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>Still unacknowledged: critical anomaly #%1</source>
        <translation>Noch unbestätigt: kritische Anomalie #%1</translation>
    </message>
    <message>
        <source>Critical anomaly #%1</source>
        <translation>Kritische Anomalie #%1</translation>
    </message>
    <message>
        <source>Acknowledge anomalies %1</source>
        <translation>Anomalien %1 bestätigen</translation>
    </message>
    <message>
        <source>Snooze selected anomalies for %1</source>
        <translation>Ausgewählte Anomalien für %1 schlummern lassen</translation>
    </message>
    <message>
        <source>Set speed to %1×</source>
        <translation>Geschwindigkeit auf %1× setzen</translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation>Zur Seite %1</translation>
    </message>
    <message>
        <source>Switch theme to %1</source>
        <translation>Design auf %1 umstellen</translation>
    </message>
    <message>
        <source>Reset demo on scenario %1</source>
        <translation>Demo mit Szenario %1 zurücksetzen</translation>
    </message>
    <message>
        <source>Started a new demo run on %1. The previous run&apos;s audit log and triage stay in the database.</source>
        <translation>Neuer Demo-Lauf mit %1 gestartet. Audit-Log und Triage des vorherigen Laufs bleiben in der Datenbank erhalten.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>No translation for language &quot;%1&quot;; showing English.</source>
        <translation>Keine Übersetzung für die Sprache „%1“; Englisch wird angezeigt.</translation>
    </message>
    <message>
        <source>Remote sync…</source>
        <translation>Entfernte Synchronisierung…</translation>
    </message>
    <message>
        <source>Remote sync is not started: %1</source>
        <translation>Die entfernte Synchronisierung ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Sync: connecting…</source>
        <translation>Synchronisierung: verbindet…</translation>
    </message>
    <message>
        <source>Sync: live</source>
        <translation>Synchronisierung: live</translation>
    </message>
    <message>
        <source>Sync: live · history truncated</source>
        <translation>Synchronisierung: live · Verlauf gekürzt</translation>
    </message>
    <message>
        <source>Sync: disconnected</source>
        <translation>Synchronisierung: getrennt</translation>
    </message>
    <message>
        <source>Sync: reconnecting (attempt %1, last event %2)</source>
        <translation>Synchronisierung: verbindet neu (Versuch %1, letztes Ereignis %2)</translation>
    </message>
    <message>
        <source>Sync: reconnecting (attempt %1)</source>
        <translation>Synchronisierung: verbindet neu (Versuch %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n vorgemerkt</numerusform>
            <numerusform>%n vorgemerkt</numerusform>
        </translation>
    </message>
    <message>
        <source>Remote data may be stale: no connection to %1 since %2 (%3). Decisions you make are queued and sent when it is back.</source>
        <translation>Entfernte Daten sind möglicherweise veraltet: keine Verbindung zu %1 seit %2 (%3). Ihre Entscheidungen werden vorgemerkt und gesendet, sobald sie wieder besteht.</translation>
    </message>
    <message>
        <source>Cannot reach %1 (%2). Decisions you make are queued and sent when it answers.</source>
        <translation>%1 ist nicht erreichbar (%2). Ihre Entscheidungen werden vorgemerkt und gesendet, sobald der Server antwortet.</translation>
    </message>
    <message>
        <source>History truncated: %1</source>
        <translation>Verlauf gekürzt: %1</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>Datenquelle</translation>
    </message>
    <message>
        <source>Data source: local agent and simulator</source>
        <translation>Datenquelle: lokaler Agent und Simulator</translation>
    </message>
    <message>
        <source>Data source: remote agent (sync server)…</source>
        <translation>Datenquelle: entfernter Agent (Sync-Server)…</translation>
    </message>
    <message>
        <source>Data source: Python agent feed…</source>
        <translation>Datenquelle: Feed des Python-Agenten…</translation>
    </message>
    <message>
        <source>reconnecting (attempt %1: %2)</source>
        <translation>verbindet neu (Versuch %1: %2)</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>verbindet…</translation>
    </message>
    <message>
        <source>waiting for its first message</source>
        <translation>wartet auf die erste Nachricht</translation>
    </message>
    <message>
        <source>waiting for its first cycle</source>
        <translation>wartet auf den ersten Zyklus</translation>
    </message>
    <message>
        <source>update %1</source>
        <translation>Meldung %1</translation>
    </message>
    <message>
        <source>Python agent feed</source>
        <translation>Feed des Python-Agenten</translation>
    </message>
    <message>
        <source>Remote agent of %1</source>
        <translation>Entfernter Agent von %1</translation>
    </message>
    <message>
        <source>Agent time %1</source>
        <translation>Agentenzeit %1</translation>
    </message>
    <message>
        <source>read-only telemetry from %1</source>
        <translation>schreibgeschützte Telemetrie von %1</translation>
    </message>
    <message>
        <source>gateway %1 · NRV %2 · confidence %3%</source>
        <translation>Gateway %1 · NRV %2 · Konfidenz %3%</translation>
    </message>
    <message>
        <source>States, baselines and anomalies are this console&apos;s own reading of it.</source>
        <translation>Zustände, Baselines und Anomalien sind die eigene Auswertung dieser Konsole.</translation>
    </message>
    <message>
        <source>The agent&apos;s last thought: %1</source>
        <translation>Letzter Gedanke des Agenten: %1</translation>
    </message>
    <message>
        <source>Remote agent</source>
        <translation>Entfernter Agent</translation>
    </message>
    <message>
        <source>cycles of tenant &lt;i&gt;%1&lt;/i&gt;&apos;s agent through the sync server%2. Your triage stays on this console.</source>
        <translation>Zyklen des Agenten von Mandant &lt;i&gt;%1&lt;/i&gt; über den Sync-Server%2. Ihre Triage bleibt auf dieser Konsole.</translation>
    </message>
    <message>
        <source>, run %1</source>
        <translation>, Lauf %1</translation>
    </message>
    <message>
        <source>A remote agent is reached through the sync server: set one up first.</source>
        <translation>Ein entfernter Agent wird über den Sync-Server erreicht: Richten Sie zuerst einen ein.</translation>
    </message>
    <message>
        <source>Tenant whose agent to follow (its publish --tenant):</source>
        <translation>Mandant, dessen Agenten gefolgt wird (sein publish --tenant):</translation>
    </message>
    <message>
        <source>A tenant is one subject token: no dots, spaces, * or &gt;.</source>
        <translation>Ein Mandant ist ein einzelnes Subject-Token: keine Punkte, Leerzeichen, * oder &gt;.</translation>
    </message>
    <message>
        <source>WebSocket URL of the feed:</source>
        <translation>WebSocket-URL des Feeds:</translation>
    </message>
    <message>
        <source>Your decision was not applied: %1 by %2 first.</source>
        <translation>Ihre Entscheidung wurde nicht übernommen: zuerst %1 von %2.</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>entschieden</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>jemand anderem</translation>
    </message>
    <message>
        <source>A service refused your command: %1</source>
        <translation>Ein Dienst hat Ihren Befehl abgelehnt: %1</translation>
    </message>
    <message>
        <source>Offline demo stopped</source>
        <translation>Offline-Demo angehalten</translation>
    </message>
    <message>
        <source>%1 on %2 — %3</source>
        <translation>%1 bei %2 — %3</translation>
    </message>
    <message>
        <source>(achieving %1×)</source>
        <translation>(erreicht %1×)</translation>
    </message>
    <message>
        <source>this console&apos;s agent is not running on %1: %2. &lt;i&gt;Run agent&lt;/i&gt; tries again, &lt;i&gt;Reset demo&lt;/i&gt; starts a new run.</source>
        <translation>der Agent dieser Konsole läuft nicht auf %1: %2. &lt;i&gt;Agent starten&lt;/i&gt; versucht es erneut, &lt;i&gt;Demo zurücksetzen&lt;/i&gt; beginnt einen neuen Lauf.</translation>
    </message>
    <message>
        <source>this console&apos;s agent cannot use %1: %2. The file is damaged, and a new run in it cannot mend it: restore it from a backup (then &lt;i&gt;Run agent&lt;/i&gt; continues), or start the console with another &lt;code&gt;--db&lt;/code&gt;.</source>
        <translation>der Agent dieser Konsole kann %1 nicht verwenden: %2. Die Datei ist beschädigt, und ein neuer Lauf darin behebt das nicht: Stellen Sie sie aus einer Sicherung wieder her (dann setzt &lt;i&gt;Agent starten&lt;/i&gt; fort) oder starten Sie die Konsole mit einer anderen &lt;code&gt;--db&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>A service refused your command and gave no reason.</source>
        <translation>Ein Dienst hat Ihren Befehl ohne Begründung abgelehnt.</translation>
    </message>
    <message numerus="yes">
        <source>%n set aside</source>
        <translation>
            <numerusform>%n zurückgestellt</numerusform>
            <numerusform>%n zurückgestellt</numerusform>
        </translation>
    </message>
    <message>
        <source>Profile…</source>
        <translation>Profil…</translation>
    </message>
    <message>
        <source>You are %1, %2.</source>
        <translation>Sie sind %1, %2.</translation>
    </message>
    <message>
        <source>Continued the saved run after cycle %1, the last one it saved.</source>
        <translation>Der gespeicherte Lauf wird nach Zyklus %1, dem zuletzt gespeicherten, fortgesetzt.</translation>
    </message>
    <message>
        <source>Continued the saved run of %1 after cycle %2, the last one it saved.</source>
        <translation>Der gespeicherte Lauf von %1 wird nach Zyklus %2, dem zuletzt gespeicherten, fortgesetzt.</translation>
    </message>
    <message>
        <source>Reset demo starts a new run.</source>
        <translation>„Demo zurücksetzen“ startet einen neuen Lauf.</translation>
    </message>
    <message>
        <source>this console&apos;s agent is not running on %1: %2. As %3 you may not run or reset it; an on-call engineer or an admin may.</source>
        <translation>der Agent dieser Konsole läuft nicht auf %1: %2. Als %3 dürfen Sie ihn weder starten noch zurücksetzen; ein Bereitschaftsingenieur oder ein Administrator darf es.</translation>
    </message>
    <message>
        <source>this console&apos;s agent is not running on %1: %2. Once the other process lets go of it, &lt;i&gt;Run agent&lt;/i&gt; continues the run this file holds; or start the console with another &lt;code&gt;--db&lt;/code&gt;.</source>
        <translation>der Agent dieser Konsole läuft nicht auf %1: %2. Sobald der andere Prozess sie freigibt, setzt &lt;i&gt;Agent starten&lt;/i&gt; den Lauf fort, den diese Datei enthält; oder starten Sie die Konsole mit einer anderen &lt;code&gt;--db&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>Not done: as %1 you may not run, pause, step, reset the agent or change its speed or scenario; the on-call engineer and the admin may. Change your role under File &gt; Profile.</source>
        <translation>Nicht ausgeführt: als %1 dürfen Sie den Agenten nicht starten, anhalten, schrittweise ausführen, zurücksetzen oder seine Geschwindigkeit oder sein Szenario ändern; Bereitschaftsingenieur und Administrator dürfen es. Ihre Rolle ändern Sie unter Datei &gt; Profil.</translation>
    </message>
    <message>
        <source>payops-agent sync --set-aside --db %1 lists them with their bodies.</source>
        <translation>payops-agent sync --set-aside --db %1 listet sie mit ihrem Inhalt auf.</translation>
    </message>
    <message>
        <source>Sync: connected · %1 not available</source>
        <translation>Sync: verbunden · %1 nicht verfügbar</translation>
    </message>
    <message>
        <source>Agent: in another process</source>
        <translation>Agent: in einem anderen Prozess</translation>
    </message>
    <message>
        <source>Following another process&apos;s run</source>
        <translation>Lauf eines anderen Prozesses wird verfolgt</translation>
    </message>
    <message>
        <source>The server refused your command, and no service will see it: %1</source>
        <translation>Der Server hat Ihren Befehl abgelehnt, kein Dienst wird ihn sehen: %1</translation>
    </message>
    <message>
        <source>the process that ran the agent on %1 has stopped (it had it when this console opened: %2); the pages show its run as it left it. &lt;i&gt;Run agent&lt;/i&gt; continues the run here.</source>
        <translation>der Prozess, der den Agenten auf %1 ausführte, ist beendet (beim Öffnen dieser Konsole hielt er sie: %2); die Seiten zeigen seinen Lauf so, wie er ihn verlassen hat. &lt;i&gt;Agent starten&lt;/i&gt; setzt den Lauf hier fort.</translation>
    </message>
    <message>
        <source>this console&apos;s agent is not running on %1: %2. The pages follow that process&apos;s run as it saves its cycles; its triage is kept by the console that runs it. Once the other process lets go of it, &lt;i&gt;Run agent&lt;/i&gt; continues the run here.</source>
        <translation>der Agent dieser Konsole läuft nicht auf %1: %2. Die Seiten folgen dem Lauf jenes Prozesses, sobald er seine Zyklen speichert; seine Triage führt die Konsole, die ihn ausführt. Sobald der andere Prozess die Datei freigibt, setzt &lt;i&gt;Agent starten&lt;/i&gt; den Lauf hier fort.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) set aside (table sync_quarantine): messages that did not follow the sync contract, never applied, and events the server lost after this console applied them. The newest: %1</source>
        <translation>
            <numerusform>%n Nachricht beiseitegelegt (Tabelle sync_quarantine): Nachrichten, die dem Sync-Vertrag nicht folgten und nie übernommen wurden, und Ereignisse, die der Server verlor, nachdem diese Konsole sie übernommen hatte. Die neueste: %1</numerusform>
            <numerusform>%n Nachrichten beiseitegelegt (Tabelle sync_quarantine): Nachrichten, die dem Sync-Vertrag nicht folgten und nie übernommen wurden, und Ereignisse, die der Server verlor, nachdem diese Konsole sie übernommen hatte. Die neueste: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync: not started</source>
        <translation>Sync: nicht gestartet</translation>
    </message>
    <message>
        <source>the saved secret cannot be read (%1). Save and connect in File &gt; Remote sync tries again.</source>
        <translation>das gespeicherte Geheimnis kann nicht gelesen werden (%1). „Speichern und verbinden“ unter Datei &gt; Entfernte Synchronisierung versucht es erneut.</translation>
    </message>
    <message>
        <source>no secret is saved for %1 (authentication: %2). Enter it in File &gt; Remote sync, or choose No authentication there if the server asks for none.</source>
        <translation>für %1 ist kein Geheimnis gespeichert (Anmeldung: %2). Geben Sie es unter Datei &gt; Entfernte Synchronisierung ein, oder wählen Sie dort „Keine Anmeldung“, wenn der Server keine verlangt.</translation>
    </message>
    <message>
        <source>A remote agent is followed through the sync server, and none is set: the pages show the local agent.</source>
        <translation>Einem entfernten Agenten folgt die Konsole über den Sync-Server, und keiner ist eingestellt: die Seiten zeigen den lokalen Agenten.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a ws:// or wss:// URL%2.</source>
        <translation>„%1“ ist keine ws://- oder wss://-URL%2.</translation>
    </message>
</context>
<context>
    <name>payops::MetricChart</name>
    <message>
        <source>Transactions in window</source>
        <translation>Transaktionen im Zeitfenster</translation>
    </message>
    <message>
        <source>All traffic</source>
        <translation>Gesamtverkehr</translation>
    </message>
    <message>
        <source>%1 (issuer)</source>
        <translation>%1 (Issuer)</translation>
    </message>
    <message>
        <source>%1 (method)</source>
        <translation>%1 (Methode)</translation>
    </message>
    <message>
        <source>Expected band</source>
        <translation>Erwartungsbereich</translation>
    </message>
    <message>
        <source>EWMA baseline</source>
        <translation>EWMA-Baseline</translation>
    </message>
    <message>
        <source>Anomaly</source>
        <translation>Anomalie</translation>
    </message>
    <message>
        <source>Intervention applied</source>
        <translation>Eingriff angewendet</translation>
    </message>
    <message>
        <source>Intervention expired</source>
        <translation>Eingriff abgelaufen</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>Zurückgerollt</translation>
    </message>
    <message>
        <source>Slow transactions this cycle (%)</source>
        <translation>Langsame Transaktionen in diesem Zyklus (%)</translation>
    </message>
    <message>
        <source>no figures in this range</source>
        <translation>keine Werte in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Drag across the chart to zoom into a time span; double-click to follow the data again</source>
        <translation>Über das Diagramm ziehen, um einen Zeitraum zu vergrößern; Doppelklick folgt wieder den Daten</translation>
    </message>
    <message>
        <source>Success rate in window (%)</source>
        <translation>Erfolgsquote im Zeitfenster (%)</translation>
    </message>
    <message>
        <source>p95 latency in window (ms)</source>
        <translation>p95-Latenz im Zeitfenster (ms)</translation>
    </message>
    <message>
        <source>Retries per transaction in window</source>
        <translation>Wiederholungen pro Transaktion im Zeitfenster</translation>
    </message>
    <message>
        <source>Success rate this cycle (%)</source>
        <translation>Zyklus-Erfolgsquote (%)</translation>
    </message>
    <message>
        <source>Mean latency this cycle (ms)</source>
        <translation>Mittlere Zyklus-Latenz (ms)</translation>
    </message>
    <message>
        <source>Retries per transaction this cycle</source>
        <translation>Wiederholungen pro Transaktion im Zyklus</translation>
    </message>
    <message>
        <source>Detector&apos;s expectation</source>
        <translation>Erwartung des Detektors</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>payops::NumberFormat</name>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>payops::Phrase</name>
    <message>
        <source>; last cycle: %1</source>
        <translation>; letzter Zyklus: %1</translation>
    </message>
    <message>
        <source>; last %1 cycles: %2</source>
        <translation>; letzte %1 Zyklen: %2</translation>
    </message>
    <message>
        <source>over the last %1 cycles (%2 tx)</source>
        <translation>über die letzten %1 Zyklen (%2 Tx)</translation>
    </message>
    <message>
        <source>a cycle ago (only thin cycles since)</source>
        <translation>vor einem Zyklus (seitdem nur dünne Zyklen)</translation>
    </message>
    <message>
        <source>%1 cycles ago (only thin cycles since)</source>
        <translation>vor %1 Zyklen (seitdem nur dünne Zyklen)</translation>
    </message>
    <message>
        <source>this cycle</source>
        <translation>in diesem Zyklus</translation>
    </message>
    <message>
        <source>success rate %1 %2, expected %3 +/- %4 (%5)</source>
        <translation>Erfolgsquote %1 %2, erwartet %3 ± %4 (%5)</translation>
    </message>
    <message>
        <source>code %1 on %2 of %3 failures %4, usually %5 % (z %6 &gt;= %7)</source>
        <translation>Code %1 bei %2 von %3 Fehlschlägen %4, üblich %5 % (z %6 ≥ %7)</translation>
    </message>
    <message>
        <source>no transactions for %1 cycles, %2 a cycle expected with the agent&apos;s intervention (%3 % of it) (z %4 &gt;= %5)</source>
        <translation>seit %1 Zyklen keine Transaktionen, %2 je Zyklus erwartet mit dem Eingriff des Agenten (%3 % davon) (z %4 ≥ %5)</translation>
    </message>
    <message>
        <source>no transactions for %1 cycles, %2 a cycle expected (z %3 &gt;= %4)</source>
        <translation>seit %1 Zyklen keine Transaktionen, %2 je Zyklus erwartet (z %3 ≥ %4)</translation>
    </message>
    <message>
        <source>no transactions this cycle, %1 expected with the agent&apos;s intervention (%2 % of it) (z %3 &gt;= %4)</source>
        <translation>keine Transaktionen in diesem Zyklus, %1 erwartet mit dem Eingriff des Agenten (%2 % davon) (z %3 ≥ %4)</translation>
    </message>
    <message>
        <source>no transactions this cycle, %1 expected (z %2 &gt;= %3)</source>
        <translation>keine Transaktionen in diesem Zyklus, %1 erwartet (z %2 ≥ %3)</translation>
    </message>
    <message>
        <source>mean retries %1 %2, expected %3 +/- %4; %5 % retried %6+ times (%7)</source>
        <translation>mittlere Wiederholungen %1 %2, erwartet %3 ± %4; %5 % %6+ Mal wiederholt (%7)</translation>
    </message>
    <message>
        <source>%1 of %2 tx %3 slower than %4 ms (%5x the usual p95), usually %6 % (z %7 still &gt;= %8)</source>
        <translation>%1 von %2 Tx %3 langsamer als %4 ms (%5× das übliche p95), üblich %6 % (z %7 noch ≥ %8)</translation>
    </message>
    <message>
        <source>%1 of %2 tx %3 slower than %4 ms (%5x the usual p95), usually %6 % (z %7 &gt;= %8)</source>
        <translation>%1 von %2 Tx %3 langsamer als %4 ms (%5× das übliche p95), üblich %6 % (z %7 ≥ %8)</translation>
    </message>
    <message>
        <source>mean latency %1 %2 ms, expected %3 +/- %4 ms (%5)</source>
        <translation>mittlere Latenz %1 %2 ms, erwartet %3 ± %4 ms (%5)</translation>
    </message>
    <message>
        <source>failure share %1 &gt; %2 beyond sampling error</source>
        <translation>Fehleranteil %1 &gt; %2 jenseits des Stichprobenfehlers</translation>
    </message>
    <message>
        <source>failure share %1 still &gt; %2</source>
        <translation>Fehleranteil %1 noch &gt; %2</translation>
    </message>
    <message>
        <source>success rate this cycle %1 (%2 tx) z %3 &gt;= %4</source>
        <translation>Erfolgsquote in diesem Zyklus %1 (%2 Tx) z %3 ≥ %4</translation>
    </message>
    <message>
        <source>mean retries this cycle %1 (%2 tx) z %3 &gt;= %4</source>
        <translation>mittlere Wiederholungen in diesem Zyklus %1 (%2 Tx) z %3 ≥ %4</translation>
    </message>
    <message>
        <source>success rate z %1 &gt;= %2</source>
        <translation>Erfolgsquote z %1 ≥ %2</translation>
    </message>
    <message>
        <source>mean retries z %1 &gt;= %2</source>
        <translation>mittlere Wiederholungen z %1 ≥ %2</translation>
    </message>
    <message>
        <source>p95 latency z %1 &gt;= %2</source>
        <translation>p95-Latenz z %1 ≥ %2</translation>
    </message>
    <message>
        <source>; held</source>
        <translation>; gehalten</translation>
    </message>
    <message>
        <source>mean retries %1 &gt; %2</source>
        <translation>mittlere Wiederholungen %1 &gt; %2</translation>
    </message>
    <message>
        <source>share with &gt;= 3 retries %1 &gt; %2</source>
        <translation>Anteil mit ≥ 3 Wiederholungen %1 &gt; %2</translation>
    </message>
    <message>
        <source>p95 latency %1x baseline &gt; %2x</source>
        <translation>p95-Latenz %1× Basislinie &gt; %2×</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>the %1 rail</source>
        <translation>Zahlungsart %1</translation>
    </message>
    <message>
        <source>the payment system</source>
        <translation>Zahlungssystem</translation>
    </message>
    <message>
        <source>%1&apos;s authorisation systems are down or shedding load</source>
        <translation>Autorisierungssysteme von %1 sind ausgefallen oder werfen Last ab</translation>
    </message>
    <message>
        <source>authorisations are declined</source>
        <translation>Autorisierungen werden abgelehnt</translation>
    </message>
    <message>
        <source>authorisations are declined (top code %1 %2, %3 of failures)</source>
        <translation>Autorisierungen werden abgelehnt (häufigster Code %1 %2, %3 der Fehlschläge)</translation>
    </message>
    <message>
        <source>the network path to %1 is degraded</source>
        <translation>Netzwerkpfad zu %1 ist beeinträchtigt</translation>
    </message>
    <message>
        <source>requests time out or fail in transit (p95 latency %1 ms)</source>
        <translation>Anfragen laufen in Zeitüberschreitungen oder scheitern unterwegs (p95-Latenz %1 ms)</translation>
    </message>
    <message>
        <source>clients and the gateway retry too aggressively on %1</source>
        <translation>Clients und Gateway wiederholen bei %1 zu aggressiv</translation>
    </message>
    <message>
        <source>each payment is attempted %1 times on average, %2 with 3 or more retries</source>
        <translation>jede Zahlung wird im Mittel %1-mal versucht, %2 mit 3 oder mehr Wiederholungen</translation>
    </message>
    <message>
        <source>%1 is failing upstream of the issuers</source>
        <translation>%1 fällt schon vor den Issuern aus</translation>
    </message>
    <message>
        <source>%1 of payments fail</source>
        <translation>%1 der Zahlungen schlagen fehl</translation>
    </message>
    <message>
        <source>%1 of payments fail (top code %2 %3, %4 of failures)</source>
        <translation>%1 der Zahlungen schlagen fehl (häufigster Code %2 %3, %4 der Fehlschläge)</translation>
    </message>
    <message>
        <source>processing capacity for %1 is saturated</source>
        <translation>Verarbeitungskapazität für %1 ist ausgelastet</translation>
    </message>
    <message>
        <source>responses slow down (p95 %1 ms)</source>
        <translation>Antworten werden langsamer (p95 %1 ms)</translation>
    </message>
    <message>
        <source>%1 affecting %2</source>
        <translation>%1 betrifft %2</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 bei %2</translation>
    </message>
    <message>
        <source>checkouts slow down: p95 %1 ms against a baseline of %2 ms</source>
        <translation>Checkouts werden langsamer: p95 %1 ms gegenüber einer Basislinie von %2 ms</translation>
    </message>
    <message>
        <source>checkouts slow down: %1 ms on average against %2 ms expected</source>
        <translation>Checkouts werden langsamer: im Mittel %1 ms statt erwarteter %2 ms</translation>
    </message>
    <message>
        <source>a slow tail: %1 of checkouts are far slower than the usual p95 (usually %2)</source>
        <translation>langsamer Ausläufer: %1 der Checkouts sind weit langsamer als das übliche p95 (üblich %2)</translation>
    </message>
    <message>
        <source>success rate %1, %2 failed of %3 payments in the window</source>
        <translation>Erfolgsquote %1, %2 von %3 Zahlungen im Fenster fehlgeschlagen</translation>
    </message>
    <message>
        <source>over the last 2 cycles</source>
        <translation>über die letzten 2 Zyklen</translation>
    </message>
    <message>
        <source>%1&apos;s code %2 is %3&apos;s: %4 of its %5 failures with it %6 were there; without them %7 of %8 failures had it (usually %9 %)</source>
        <translation>Code %2 von %1 gehört zu %3: %4 seiner %5 Fehlschläge damit %6 lagen dort; ohne sie hatten ihn %7 von %8 Fehlschlägen (üblich %9 %)</translation>
    </message>
    <message>
        <source>%1 fails through %2: %3 of its %4 failures in the window were there; without them %5 of %6 failed (%7 %, the rule&apos;s bar %8 %)</source>
        <translation>%1 scheitert über %2: %3 seiner %4 Fehlschläge im Fenster lagen dort; ohne sie schlugen %5 von %6 fehl (%7 %, Schwelle der Regel %8 %)</translation>
    </message>
    <message>
        <source>%1 fails through %2: %3 of its %4 failures %5 were there; without them %6 of %7 failed (%8 %, usually %9 %)</source>
        <translation>%1 scheitert über %2: %3 seiner %4 Fehlschläge %5 lagen dort; ohne sie schlugen %6 von %7 fehl (%8 %, üblich %9 %)</translation>
    </message>
    <message>
        <source>%1 is slow through %2: %3 of its %4 transactions this cycle went there at %5 ms; without them its mean latency was %6 ms (usually %7 +/- %8 ms)</source>
        <translation>%1 ist über %2 langsam: %3 seiner %4 Transaktionen in diesem Zyklus liefen dort mit %5 ms; ohne sie lag seine mittlere Latenz bei %6 ms (üblich %7 ± %8 ms)</translation>
    </message>
    <message>
        <source>do not honour</source>
        <translation>nicht honoriert</translation>
    </message>
    <message>
        <source>invalid card number</source>
        <translation>ungültige Kartennummer</translation>
    </message>
    <message>
        <source>insufficient funds</source>
        <translation>unzureichende Deckung</translation>
    </message>
    <message>
        <source>expired card</source>
        <translation>Karte abgelaufen</translation>
    </message>
    <message>
        <source>incorrect PIN</source>
        <translation>falsche PIN</translation>
    </message>
    <message>
        <source>exceeds withdrawal limit</source>
        <translation>Verfügungslimit überschritten</translation>
    </message>
    <message>
        <source>issuer unavailable</source>
        <translation>Issuer nicht erreichbar</translation>
    </message>
    <message>
        <source>system malfunction</source>
        <translation>Systemstörung</translation>
    </message>
    <message>
        <source>UPI debit timeout</source>
        <translation>Zeitüberschreitung der UPI-Belastung</translation>
    </message>
    <message>
        <source>UPI risk threshold exceeded</source>
        <translation>UPI-Risikoschwelle überschritten</translation>
    </message>
    <message>
        <source>UPI invalid MPIN</source>
        <translation>UPI: ungültige MPIN</translation>
    </message>
    <message>
        <source>net banking session timeout</source>
        <translation>Net-Banking-Sitzung abgelaufen</translation>
    </message>
    <message>
        <source>unrecognised response code</source>
        <translation>unbekannter Antwortcode</translation>
    </message>
    <message>
        <source>the issuer was healthy and good traffic is turned away</source>
        <translation>der Issuer war gesund und guter Verkehr wird abgewiesen</translation>
    </message>
    <message>
        <source>the remaining issuers cannot absorb the extra volume</source>
        <translation>die übrigen Issuer können das zusätzliche Volumen nicht aufnehmen</translation>
    </message>
    <message>
        <source>expires on its own after the configured duration</source>
        <translation>läuft nach der eingestellten Dauer von selbst ab</translation>
    </message>
    <message>
        <source>roll back by hand at any time</source>
        <translation>jederzeit von Hand zurücknehmbar</translation>
    </message>
    <message>
        <source>automatic rollback if success drops or latency rises</source>
        <translation>automatische Rücknahme, wenn die Erfolgsquote fällt oder die Latenz steigt</translation>
    </message>
    <message>
        <source>customers cannot complete payment on the alternative method</source>
        <translation>Kunden können mit der alternativen Zahlungsart nicht bezahlen</translation>
    </message>
    <message>
        <source>the alternative method degrades under the added load</source>
        <translation>die alternative Zahlungsart leidet unter der zusätzlichen Last</translation>
    </message>
    <message>
        <source>expires on its own</source>
        <translation>läuft von selbst ab</translation>
    </message>
    <message>
        <source>roll back by hand</source>
        <translation>von Hand zurücknehmbar</translation>
    </message>
    <message>
        <source>automatic rollback on a success drop</source>
        <translation>automatische Rücknahme bei fallender Erfolgsquote</translation>
    </message>
    <message>
        <source>payments that a retry would have saved now fail</source>
        <translation>Zahlungen, die eine Wiederholung gerettet hätte, schlagen jetzt fehl</translation>
    </message>
    <message>
        <source>a system-wide change touches every merchant at once</source>
        <translation>eine systemweite Änderung trifft alle Händler zugleich</translation>
    </message>
    <message>
        <source>needs approval (blast radius 0.5)</source>
        <translation>braucht Freigabe (Wirkungsradius 0,5)</translation>
    </message>
    <message>
        <source>alert fatigue if the anomaly is noise</source>
        <translation>Alarmmüdigkeit, wenn die Anomalie nur Rauschen ist</translation>
    </message>
    <message>
        <source>alerts are deduplicated per anomaly</source>
        <translation>Alarme werden je Anomalie dedupliziert</translation>
    </message>
    <message>
        <source>blast radius %1 &gt; %2 allowed without approval</source>
        <translation>Wirkungsradius %1 über den ohne Freigabe erlaubten %2</translation>
    </message>
    <message>
        <source>duration %1 ms &gt; %2 ms allowed without approval</source>
        <translation>Dauer %1 ms über den ohne Freigabe erlaubten %2 ms</translation>
    </message>
    <message>
        <source>blast radius %1 &gt; %2</source>
        <translation>Wirkungsradius %1 &gt; %2</translation>
    </message>
    <message>
        <source>uncertainty %1 &gt; %2</source>
        <translation>Unsicherheit %1 &gt; %2</translation>
    </message>
    <message>
        <source>confidence %1 &lt; min_confidence %2</source>
        <translation>Konfidenz %1 &lt; min_confidence %2</translation>
    </message>
    <message>
        <source>pre-mortem risk %1 &gt;= %2</source>
        <translation>Pre-Mortem-Risiko %1 ≥ %2</translation>
    </message>
    <message>
        <source>best NRV %1 &gt; 0</source>
        <translation>beste NRV %1 &gt; 0</translation>
    </message>
    <message>
        <source>Minimum Frequency Rule</source>
        <translation>Mindesthäufigkeitsregel</translation>
    </message>
    <message>
        <source>no option with positive NRV</source>
        <translation>keine Option mit positiver NRV</translation>
    </message>
    <message>
        <source>no anomaly</source>
        <translation>keine Anomalie</translation>
    </message>
    <message>
        <source>fraud risk %1 exceeds the limit %2</source>
        <translation>Betrugsrisiko %1 über der Grenze %2</translation>
    </message>
    <message>
        <source>compliance risk %1 exceeds the limit %2</source>
        <translation>Compliance-Risiko %1 über der Grenze %2</translation>
    </message>
    <message>
        <source>already %1 interventions in force (limit %2)</source>
        <translation>bereits %1 Eingriffe in Kraft (Grenze %2)</translation>
    </message>
    <message>
        <source>; not executed: %1</source>
        <translation>; nicht ausgeführt: %1</translation>
    </message>
    <message>
        <source>%1x</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>z %1, likelihood %2</source>
        <translation>z %1, Likelihood %2</translation>
    </message>
    <message>
        <source>likelihood %1</source>
        <translation>Likelihood %1</translation>
    </message>
    <message>
        <source>likelihood %1 when it opened</source>
        <translation>Likelihood %1 beim Öffnen</translation>
    </message>
    <message>
        <source>z %1; likelihood %2 when it opened</source>
        <translation>z %1; Likelihood %2 beim Öffnen</translation>
    </message>
    <message>
        <source>z %1, likelihood %2 when it opened</source>
        <translation>z %1, Likelihood %2 beim Öffnen</translation>
    </message>
    <message>
        <source>cannot acknowledge anomaly %1: no such anomaly</source>
        <translation>Anomalie %1 kann nicht bestätigt werden: keine solche Anomalie</translation>
    </message>
    <message>
        <source>cannot resolve anomaly %1: no such anomaly</source>
        <translation>Anomalie %1 kann nicht gelöst werden: keine solche Anomalie</translation>
    </message>
    <message>
        <source>anomaly %1 is already resolved</source>
        <translation>Anomalie %1 ist bereits gelöst</translation>
    </message>
    <message>
        <source>resolving anomaly %1 by hand needs a note saying why</source>
        <translation>wer Anomalie %1 von Hand löst, muss in einer Notiz sagen, warum</translation>
    </message>
    <message>
        <source>cannot snooze anomaly %1: no such anomaly</source>
        <translation>Anomalie %1 kann nicht schlummern: keine solche Anomalie</translation>
    </message>
    <message>
        <source>anomaly %1 is resolved: there is nothing to snooze</source>
        <translation>Anomalie %1 ist gelöst: es gibt nichts, was schlummern könnte</translation>
    </message>
    <message>
        <source>a snooze must end in the future</source>
        <translation>ein Schlummern muss in der Zukunft enden</translation>
    </message>
    <message>
        <source>cannot unsnooze anomaly %1: no such anomaly</source>
        <translation>Anomalie %1 kann nicht aufgeweckt werden: keine solche Anomalie</translation>
    </message>
    <message>
        <source>anomaly %1 is not snoozed</source>
        <translation>Anomalie %1 schlummert nicht</translation>
    </message>
    <message>
        <source>cannot assign anomaly %1: no such anomaly</source>
        <translation>Anomalie %1 kann nicht zugewiesen werden: keine solche Anomalie</translation>
    </message>
    <message>
        <source>cannot annotate anomaly %1: no such anomaly</source>
        <translation>Anomalie %1 kann keine Notiz erhalten: keine solche Anomalie</translation>
    </message>
    <message>
        <source>a note cannot be empty</source>
        <translation>eine Notiz darf nicht leer sein</translation>
    </message>
    <message>
        <source>a silence needs a pattern or a dimension: one that matches everything would hide every anomaly</source>
        <translation>eine Stummschaltung braucht ein Muster oder eine Dimension: eine, die auf alles passt, würde jede Anomalie ausblenden</translation>
    </message>
    <message>
        <source>a silence must end in the future</source>
        <translation>eine Stummschaltung muss in der Zukunft enden</translation>
    </message>
    <message>
        <source>no silence %1</source>
        <translation>keine Stummschaltung %1</translation>
    </message>
    <message>
        <source>every option refused by the safety constraints</source>
        <translation>jede Option von den Sicherheitsregeln abgelehnt</translation>
    </message>
    <message>
        <source>%1 rejected it in approval request #%2; not offered again before %3</source>
        <translation>%1 hat sie in Freigabeanfrage #%2 abgelehnt; vor %3 nicht wieder angeboten</translation>
    </message>
    <message>
        <source>%1 rolled it back (intervention #%2); not offered again before %3</source>
        <translation>%1 hat sie zurückgenommen (Eingriff #%2); vor %3 nicht wieder angeboten</translation>
    </message>
    <message>
        <source>every option already in force or awaiting approval</source>
        <translation>jede Option ist schon in Kraft oder wartet auf Freigabe</translation>
    </message>
    <message>
        <source>learning rolled it back as harmful (intervention #%1); not offered again before %2</source>
        <translation>das Lernen hat sie als schädlich zurückgenommen (Eingriff #%1); vor %2 nicht wieder angeboten</translation>
    </message>
    <message>
        <source>every option not already in force or awaiting approval refused by the safety constraints</source>
        <translation>jede Option, die nicht schon in Kraft ist oder auf Freigabe wartet, von den Sicherheitsregeln abgelehnt</translation>
    </message>
    <message>
        <source>%1 of %2 issuers already suppressed or awaiting approval to be (limit %3 at once): when most issuers fail, routing away from them leaves nowhere to route</source>
        <translation>%1 von %2 Issuern schon unterdrückt oder auf Freigabe dafür wartend (höchstens %3 zugleich): wenn die meisten Issuer ausfallen, bleibt beim Umleiten kein Ziel übrig</translation>
    </message>
    <message>
        <source>no issuer may be suppressed with %1 carrying traffic (safety.max_suppressed_issuer_share)</source>
        <translation>kein Issuer darf unterdrückt werden, wenn %1 Verkehr tragen (safety.max_suppressed_issuer_share)</translation>
    </message>
</context>
<context>
    <name>payops::ProfileDialog</name>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>triage anomalies (acknowledge, snooze, assign, resolve, silence)</source>
        <translation>Anomalien bearbeiten (bestätigen, schlummern, zuweisen, lösen, stummschalten)</translation>
    </message>
    <message>
        <source>add notes to an anomaly&apos;s timeline</source>
        <translation>Notizen zur Zeitleiste einer Anomalie hinzufügen</translation>
    </message>
    <message>
        <source>This role is read only: it sees everything and changes nothing.</source>
        <translation>Diese Rolle darf nur lesen: sie sieht alles und ändert nichts.</translation>
    </message>
    <message>
        <source>This role may %1.</source>
        <translation>Diese Rolle darf: %1.</translation>
    </message>
    <message>
        <source>Type a name: the audit log records who did what.</source>
        <translation>Geben Sie einen Namen ein: das Audit-Protokoll hält fest, wer was getan hat.</translation>
    </message>
    <message>
        <source>The name holds a line break or an invisible character, which would make the audit log read as another name.</source>
        <translation>Der Name enthält einen Zeilenumbruch oder ein unsichtbares Zeichen, wodurch das Audit-Protokoll einen anderen Namen zeigen würde.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a name the agent records for itself; choose another.</source>
        <translation>„%1“ ist ein Name, den der Agent für sich selbst verwendet; wählen Sie einen anderen.</translation>
    </message>
    <message>
        <source>run, pause, step and reset the local agent, and change its speed and scenario</source>
        <translation>den lokalen Agenten starten, anhalten, schrittweise ausführen und zurücksetzen sowie seine Geschwindigkeit und sein Szenario ändern</translation>
    </message>
    <message>
        <source>Give the name alone: the audit log adds where a decision came from (operator:, remote: or cli:).</source>
        <translation>Geben Sie nur den Namen an: das Audit-Protokoll fügt selbst hinzu, woher eine Entscheidung kam (operator:, remote: oder cli:).</translation>
    </message>
    <message>
        <source>The name mixes Latin, Cyrillic or Greek letters, as names made to look like another do; write it in one alphabet.</source>
        <translation>Der Name mischt lateinische, kyrillische oder griechische Buchstaben, wie es Namen tun, die wie ein anderer aussehen sollen; schreiben Sie ihn in einem Alphabet.</translation>
    </message>
</context>
<context>
    <name>payops::RoleLabel</name>
    <message>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>Support agent</source>
        <translation>Support-Mitarbeiter</translation>
    </message>
    <message>
        <source>Success manager</source>
        <translation>Success-Manager</translation>
    </message>
    <message>
        <source>On-call engineer</source>
        <translation>Bereitschaftsingenieur</translation>
    </message>
    <message>
        <source>Config manager</source>
        <translation>Konfigurationsmanager</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>payops::SecretStore</name>
    <message>
        <source>the OS keychain is not used here; the secret is kept for this session only</source>
        <translation>der Schlüsselbund des Betriebssystems wird hier nicht verwendet; das Geheimnis gilt nur für diese Sitzung</translation>
    </message>
    <message>
        <source>the OS keychain refused the secret (%1); it is kept for this session only</source>
        <translation>der Schlüsselbund des Betriebssystems hat das Geheimnis abgelehnt (%1); es gilt nur für diese Sitzung</translation>
    </message>
    <message>
        <source>cannot read the OS keychain: %1</source>
        <translation>der Schlüsselbund des Betriebssystems kann nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>payops::SilenceDialog</name>
    <message>
        <source>New silence</source>
        <translation>Neue Stummschaltung</translation>
    </message>
    <message>
        <source>Any pattern</source>
        <translation>Beliebiges Muster</translation>
    </message>
    <message>
        <source>issuer:HDFC, issuer:*, method:upi … (* and ? are wildcards)</source>
        <translation>issuer:HDFC, issuer:*, method:upi … (* und ? sind Platzhalter)</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>4 hours</source>
        <translation>4 Stunden</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 Stunden</translation>
    </message>
    <message>
        <source>Until removed</source>
        <translation>Bis zur Entfernung</translation>
    </message>
    <message>
        <source>Why, for whoever sees it later (e.g. planned HDFC maintenance)</source>
        <translation>Begründung für spätere Leser (z. B. geplante HDFC-Wartung)</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Choose a pattern or a dimension: a silence cannot hide everything.</source>
        <translation>Wählen Sie ein Muster oder eine Dimension: Eine Stummschaltung kann nicht alles ausblenden.</translation>
    </message>
    <message numerus="yes">
        <source>Would hide %n anomaly(ies) now</source>
        <translation>
            <numerusform>Würde jetzt %n Anomalie ausblenden</numerusform>
            <numerusform>Würde jetzt %n Anomalien ausblenden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n offen</numerusform>
            <numerusform>%n offen</numerusform>
        </translation>
    </message>
    <message>
        <source>and any new ones that match.</source>
        <translation>sowie alle neuen, die zutreffen.</translation>
    </message>
    <message>
        <source>Silence</source>
        <translation>Stummschalten</translation>
    </message>
</context>
<context>
    <name>payops::SyncSettingsDialog</name>
    <message>
        <source>User: a user name is needed for user and password</source>
        <translation>Benutzer: für Benutzer und Passwort wird ein Benutzername benötigt</translation>
    </message>
    <message>
        <source>Remote sync</source>
        <translation>Entfernte Synchronisierung</translation>
    </message>
    <message>
        <source>Connect to a NATS server&apos;s websocket listener to receive events from remote services and send them your decisions. Without one, the console works offline on this machine.</source>
        <translation>Verbinden Sie sich mit dem WebSocket-Zugang eines NATS-Servers, um Ereignisse entfernter Dienste zu empfangen und ihnen Ihre Entscheidungen zu senden. Ohne Server arbeitet die Konsole offline auf diesem Rechner.</translation>
    </message>
    <message>
        <source>Several servers of one cluster may be given, separated by commas.</source>
        <translation>Mehrere Server eines Clusters können durch Kommas getrennt angegeben werden.</translation>
    </message>
    <message>
        <source>No authentication</source>
        <translation>Keine Anmeldung</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>User and password</source>
        <translation>Benutzer und Passwort</translation>
    </message>
    <message>
        <source>NKey seed</source>
        <translation>NKey-Seed</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation>Systemzertifikate</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt)</source>
        <translation>PEM-Dateien (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Verify the server&apos;s certificate (wss://)</source>
        <translation>Zertifikat des Servers prüfen (wss://)</translation>
    </message>
    <message>
        <source>Turn off only for a developer&apos;s self-signed server.</source>
        <translation>Nur für den selbst signierten Server eines Entwicklers abschalten.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>Extra CA</source>
        <translation>Zusätzliche CA</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Save and connect</source>
        <translation>Speichern und verbinden</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>Offline arbeiten</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Enter a server URL, or choose Work offline.</source>
        <translation>Geben Sie eine Server-URL ein oder wählen Sie Offline arbeiten.</translation>
    </message>
    <message>
        <source>Enter a server URL first.</source>
        <translation>Geben Sie zuerst eine Server-URL ein.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Connected to %1 (NATS %2, JetStream %3).</source>
        <translation>Verbunden mit %1 (NATS %2, JetStream %3).</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off — sync needs it</source>
        <translation>aus — die Synchronisierung braucht es</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>Der Server hat abgelehnt: %1</translation>
    </message>
    <message>
        <source>No connection: %1</source>
        <translation>Keine Verbindung: %1</translation>
    </message>
    <message>
        <source>leave empty to keep the saved one</source>
        <translation>leer lassen, um das gespeicherte zu behalten</translation>
    </message>
    <message>
        <source>JWT credentials (.creds file)</source>
        <translation>JWT-Zugangsdaten (.creds-Datei)</translation>
    </message>
    <message>
        <source>Load .creds file…</source>
        <translation>.creds-Datei laden…</translation>
    </message>
    <message>
        <source>NATS credentials</source>
        <translation>NATS-Zugangsdaten</translation>
    </message>
    <message>
        <source>Credentials (*.creds);;All files (*)</source>
        <translation>Zugangsdaten (*.creds);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>loaded from %1</source>
        <translation>geladen aus %1</translation>
    </message>
    <message>
        <source>the saved credentials are kept; load a file to replace them</source>
        <translation>die gespeicherten Zugangsdaten bleiben; laden Sie eine Datei, um sie zu ersetzen</translation>
    </message>
    <message>
        <source>Reading the saved secret…</source>
        <translation>Das gespeicherte Geheimnis wird gelesen…</translation>
    </message>
    <message>
        <source>The saved secret cannot be read: %1</source>
        <translation>Das gespeicherte Geheimnis kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>load a .creds file</source>
        <translation>eine .creds-Datei laden</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>Credentials: load a .creds file; the saved secret is for another kind of authentication.</source>
        <translation>Zugangsdaten: laden Sie eine .creds-Datei; das gespeicherte Geheimnis gehört zu einer anderen Anmeldeart.</translation>
    </message>
    <message>
        <source>%1: enter it; the saved secret is for another kind of authentication.</source>
        <translation>%1: bitte eingeben; das gespeicherte Geheimnis gehört zu einer anderen Anmeldeart.</translation>
    </message>
    <message>
        <source>Credentials: none are saved for this server; load a .creds file.</source>
        <translation>Zugangsdaten: für diesen Server sind keine gespeichert; laden Sie eine .creds-Datei.</translation>
    </message>
    <message>
        <source>%1: none is saved for this server; enter it.</source>
        <translation>%1: für diesen Server ist nichts gespeichert; bitte eingeben.</translation>
    </message>
    <message>
        <source>The settings changed while the saved secret was read: try again.</source>
        <translation>Die Einstellungen haben sich geändert, während das gespeicherte Geheimnis gelesen wurde: bitte erneut versuchen.</translation>
    </message>
    <message>
        <source>Server: &apos;%1&apos; is not a ws:// or wss:// URL%2</source>
        <translation>Server: „%1“ ist keine ws://- oder wss://-URL%2</translation>
    </message>
    <message>
        <source>the keychain cannot be read now: load a .creds file</source>
        <translation>Schlüsselbund gerade nicht lesbar: .creds-Datei laden</translation>
    </message>
    <message>
        <source>the keychain cannot be read now: enter it</source>
        <translation>Schlüsselbund gerade nicht lesbar: hier eingeben</translation>
    </message>
</context>
<context>
    <name>payops::feed::PythonFeedClient</name>
    <message>
        <source>Python agent feed %1: message refused: %2</source>
        <translation>Feed des Python-Agenten %1: Nachricht abgelehnt: %2</translation>
    </message>
    <message>
        <source>no message for %1 s</source>
        <translation>seit %1 s keine Nachricht</translation>
    </message>
</context>
<context>
    <name>payops::sync::JsApi</name>
    <message>
        <source>%1: %2 after %3 attempts</source>
        <translation>%1: %2 nach %3 Versuchen</translation>
    </message>
    <message>
        <source>no reply (timeout)</source>
        <translation>keine Antwort (Zeitüberschreitung)</translation>
    </message>
    <message>
        <source>no responders</source>
        <translation>kein Empfänger</translation>
    </message>
    <message>
        <source>reply is not JSON</source>
        <translation>die Antwort ist kein JSON</translation>
    </message>
    <message>
        <source>message to %1 is %2 bytes; the server takes at most %3</source>
        <translation>Nachricht an %1 hat %2 Bytes; der Server nimmt höchstens %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid subject</source>
        <translation>„%1“ ist kein gültiges Subject</translation>
    </message>
    <message>
        <source>the server does not permit this connection to publish to %1</source>
        <translation>der Server erlaubt dieser Verbindung nicht, auf %1 zu veröffentlichen</translation>
    </message>
</context>
<context>
    <name>payops::sync::KeyValueStore</name>
    <message>
        <source>revision %1 of %2 does not exist (any more)</source>
        <translation>Revision %1 von %2 existiert nicht (mehr)</translation>
    </message>
</context>
<context>
    <name>payops::sync::LocalKv</name>
    <message>
        <source>wrong last revision: %1 is at %2, not %3</source>
        <translation>falsche letzte Revision: %1 steht bei %2, nicht bei %3</translation>
    </message>
</context>
<context>
    <name>payops::sync::LocalServices</name>
    <message>
        <source>the local services could not answer command %1: %2</source>
        <translation>die lokalen Dienste konnten Befehl %1 nicht beantworten: %2</translation>
    </message>
    <message>
        <source>the local demo services could not add an event: %1</source>
        <translation>die lokalen Demo-Dienste konnten kein Ereignis hinzufügen: %1</translation>
    </message>
</context>
<context>
    <name>payops::sync::NatsWsConnection</name>
    <message>
        <source>no answer from %1 within %2 ms</source>
        <translation>keine Antwort von %1 innerhalb von %2 ms</translation>
    </message>
    <message>
        <source>no server URL configured</source>
        <translation>keine Server-URL konfiguriert</translation>
    </message>
    <message>
        <source>TLS: %1</source>
        <translation>TLS: %1</translation>
    </message>
    <message>
        <source>connection closed</source>
        <translation>Verbindung geschlossen</translation>
    </message>
    <message>
        <source>the server sent an INFO that is not JSON</source>
        <translation>der Server hat ein INFO gesendet, das kein JSON ist</translation>
    </message>
    <message>
        <source>the server does not support headers, which sync needs (G10)</source>
        <translation>der Server unterstützt keine Header, die die Synchronisierung braucht (G10)</translation>
    </message>
    <message>
        <source>stale connection: %1 PINGs unanswered</source>
        <translation>tote Verbindung: %1 PINGs unbeantwortet</translation>
    </message>
    <message>
        <source>TLS: the CA file %1 cannot be read or holds no PEM certificate</source>
        <translation>TLS: Die CA-Datei %1 ist nicht lesbar oder enthält kein PEM-Zertifikat</translation>
    </message>
</context>
<context>
    <name>payops::sync::OrderedConsumer</name>
    <message>
        <source>server entering lame-duck mode</source>
        <translation>der Server geht in den Lame-Duck-Modus</translation>
    </message>
    <message>
        <source>heartbeat reports consumer sequence %1, expected %2</source>
        <translation>Heartbeat meldet Consumer-Sequenz %1, erwartet %2</translation>
    </message>
    <message>
        <source>gap: consumer sequence %1, expected %2</source>
        <translation>Lücke: Consumer-Sequenz %1, erwartet %2</translation>
    </message>
    <message>
        <source>no heartbeat for %1 ms</source>
        <translation>seit %1 ms kein Heartbeat</translation>
    </message>
</context>
<context>
    <name>payops::sync::RemoteAgentFeed</name>
    <message>
        <source>Waiting for the remote agent&apos;s cycles on %1 (%2). Is payops-agent publish running for this tenant?</source>
        <translation>Warte auf die Zyklen des entfernten Agenten auf %1 (%2). Läuft payops-agent publish für diesen Mandanten?</translation>
    </message>
    <message>
        <source>malformed remote cycle (%1 #%2): %3</source>
        <translation>fehlerhafter entfernter Zyklus (%1 #%2): %3</translation>
    </message>
</context>
<context>
    <name>payops::sync::SyncClient</name>
    <message>
        <source>%1: events %2 to %3 were removed by retention before this console saw them</source>
        <translation>%1: Ereignisse %2 bis %3 wurden durch die Aufbewahrungsregeln entfernt, bevor diese Konsole sie gesehen hat</translation>
    </message>
    <message>
        <source>%1: the server lost events %2 to %3 after this console applied them; they are set aside, and its last events are read again</source>
        <translation>%1: Der Server hat die Ereignisse %2 bis %3 verloren, nachdem diese Konsole sie übernommen hatte; sie werden beiseitegelegt, und seine letzten Ereignisse werden erneut gelesen</translation>
    </message>
    <message>
        <source>%1 was deleted and created anew</source>
        <translation>%1 wurde gelöscht und neu angelegt</translation>
    </message>
</context>
<context>
    <name>payops::sync::SyncWorker</name>
    <message>
        <source>no remote service is configured: the command was not queued</source>
        <translation>kein entfernter Dienst konfiguriert: der Befehl wurde nicht vorgemerkt</translation>
    </message>
    <message>
        <source>The local services cannot start, trying again every 5 s: %1</source>
        <translation>Die lokalen Dienste können nicht starten, neuer Versuch alle 5 s: %1</translation>
    </message>
</context>
</TS>
