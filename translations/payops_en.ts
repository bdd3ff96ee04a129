<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ConsoleSettings</name>
    <message>
        <source>line %1: binary data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>PayOps Console: issuer health, anomaly triage and the embedded payments agent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent database (SQLite).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings file (INI) instead of the user&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in scenario for a new run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated seconds per second (1-1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new run instead of resuming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a PNG of the window and quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit (taking the screenshot) after N ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page to show: health, anomalies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>light, dark or system.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language: en, de.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size WIDTHxHEIGHT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the time to the first paint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--theme must be light, dark or system, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the data directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--speed must be a number from 1 to 1000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no page &quot;%1&quot; (pages: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--quit-after-ms must be a number of milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote sync server(s), ws:// or wss:// (saved like File &gt; Remote sync; an empty value works offline).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the pages&apos; data comes from: local, remote (a remote agent through the sync server) or python-feed (saved like Agent &gt; Data source).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant whose remote agent to follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL of the Python agent&apos;s telemetry feed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--source must be local, remote or python-feed, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot; (options start with --; see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--lang must be en or de, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--size must look like 1400x900, from 320x240 up to 7680x4320</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value, not the option %2 (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--settings %1 is not a settings file the console can read%2; it is left as it is. Give another file, or a new name to start afresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your settings file %1 cannot be read%2. The console starts with default settings and saves none this time; the file is left as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your settings file %1 could not be read%2. It is kept as %3, and the console starts with default settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings cannot be saved to %1 (%2): what you change now lasts for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payops-console: --size %1x%2 is smaller than the window can be; it opens at %3x%4 or larger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tenant &quot;%1&quot; is not one subject token: give a name without dots, spaces, * or &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--source remote follows an agent through the sync server, and none is set: add --sync-server URL (or set one in File &gt; Remote sync).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--scenario %1 is for a new run: the saved run of %2 continues. Add --new-run to start %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--python-feed: &quot;%1&quot; is not a ws:// or wss:// URL%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sync-server: &quot;%1&quot; is not a ws:// or wss:// URL%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::AnomaliesPage</name>
    <message>
        <source>Search: id, issuer, pattern, owner…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search anomalies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wake up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the anomalies to acknowledge first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Acknowledged %n anomaly(ies).</source>
        <translation>
            <numerusform>Acknowledged %n anomaly.</numerusform>
            <numerusform>Acknowledged %n anomalies.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the anomalies to resolve first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve anomalies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What fixed it? The note goes on each anomaly&apos;s timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Resolved %n anomaly(ies).</source>
        <translation>
            <numerusform>Resolved %n anomaly.</numerusform>
            <numerusform>Resolved %n anomalies.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the anomalies to snooze first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Snoozed %n anomaly(ies) for %1.</source>
        <translation>
            <numerusform>Snoozed %n anomaly for %1.</numerusform>
            <numerusform>Snoozed %n anomalies for %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the anomalies to assign first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign anomalies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence #%1 created (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 anomalies shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n silenced</source>
        <translation>
            <numerusform>%n silenced</numerusform>
            <numerusform>%n silenced</numerusform>
        </translation>
    </message>
    <message>
        <source>Silences (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No active silences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until a time…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until when? HH:MM (today, or tomorrow if that has passed) or YYYY-MM-DD HH:MM, local time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time: write HH:MM or YYYY-MM-DD HH:MM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silenced and snoozed anomalies are hidden unless you show them here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silenced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New silence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silenced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also show: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to acknowledge: the selected anomalies are already acknowledged or resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Acknowledged %n anomaly(ies); the others were already acknowledged or resolved.</source>
        <translation>
            <numerusform>Acknowledged %n anomaly; the others were already acknowledged or resolved.</numerusform>
            <numerusform>Acknowledged %n anomalies; the others were already acknowledged or resolved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the filter hides them: choose All, or show silenced and snoozed ones</source>
        <translation>
            <numerusform>the filter hides it: choose All, or show silenced and snoozed ones</numerusform>
            <numerusform>the filter hides them: choose All, or show silenced and snoozed ones</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledge the selected anomalies (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve the selected anomalies with a note (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the selected anomalies from the open list for a while (%1: one hour)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::AnomalyDetailView</name>
    <message>
        <source>Add a note to the timeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an anomaly to see its evidence, hypotheses and the agent&apos;s options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 %2 on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started %1 (simulated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>flagged for %n cycle(s)</source>
        <translation>
            <numerusform>flagged for %n cycle</numerusform>
            <numerusform>flagged for %n cycles</numerusform>
        </translation>
    </message>
    <message>
        <source>cleared %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>owner %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silenced by #%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hypotheses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root cause:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failure:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>impact:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent&apos;s options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No intervention addresses this anomaly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blast radius</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs approval: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>autonomous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-mortem risk %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If it goes wrong: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mitigation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the agent acted on another anomaly this cycle (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bar %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No anomalies in this run yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent raises one when an issuer, a payment method or all traffic departs from its usual success rate, latency or retries. Each comes with its evidence against the expected band, hypotheses and the agent&apos;s options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved by the agent: its pattern cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved by the agent: cleared before this console opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z %1 (up to %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent has not opened a run; the message at the top of the window says why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;#%1 %2 %3&lt;/b&gt; in force since %4, until %5 (%6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;request #%1: %2 %3&lt;/b&gt; (NRV %4) waits for approval since %5, until %6: %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In force and waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence vs expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide with payops-agent approvals approve %1 --db %2, or reject %1 --db %2 --reason …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approval #%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s latest decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role is read only: no notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z of a count (failures, a failure code, retries, slow or missing transactions): the odds of a count at least this far from the usual one or the bar, as a normal deviate. A count is skewed, so this differs from (value − expected) / spread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following another process&apos;s run: notes go in its console.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::AnomalyTableModel</name>
    <message>
        <source>Silenced by #%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silenced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also seen on %1 (its evidence is in the detail pane)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The worst the anomaly has been; ↓ when it has come down since (the detail pane shows both)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at its worst (z up to %2), now %3 (z %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z up to %1; now %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::CommandPalette</name>
    <message>
        <source>Type a command: ack 12 13, snooze 1h, go health, theme dark…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::ConsoleData</name>
    <message>
        <source>Not done: as %1 you may not add notes; this role is read only. Change your role under File &gt; Profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done: as %1 you may not acknowledge, snooze, assign, resolve or silence anomalies; the on-call engineer and the admin may. Change your role under File &gt; Profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycles %1 to %2 of the followed run were removed from the database before this console read them; anomalies that opened and cleared in them are not shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done: this console follows a run another process holds, and only shows its triage. Triage it in the console that runs it, or take the run over here with Run agent once that process has stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1. The change stays in this window and is saved with the next cycle or change the file takes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::ConsoleSettings</name>
    <message>
        <source>it is a directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is not writable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its directory is not writable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::DataSourceRouter</name>
    <message>
        <source>Not saved: %1 is damaged. The change stays in this window until it closes; restore the file from a backup, or start the console with another --db.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::HealthPage</name>
    <message>
        <source>Issuer and method health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 5 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 15 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 6 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the chart; data keeps arriving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag across the chart to zoom into a time span</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System health: 100% less half the mean confidence of the hypotheses now open about a failure (100% when none is open).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the visible range to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the chart to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export visible range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuers: %1 down, %2 degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>methods: %1 down, %2 degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system health %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::IssuerHealthModel</name>
    <message>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer / method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95 latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Judged on each cycle&apos;s own transactions: an incident shows here when it starts and clears when it ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over the transaction window (the last five minutes by default): it trails an incident&apos;s start and end by minutes. The chart&apos;s default shows each cycle&apos;s own figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window&apos;s success rate over the last %1 cycles; each row is scaled to its own range, at least ten percentage points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suppressed by #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rerouted to %1 by #%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::MainWindow</name>
    <message>
        <source>PayOps Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;nomalies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset demo with the selected scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Anomalies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command palette…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge selected anomalies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve selected anomalies…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze selected anomalies for 1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New silence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search anomalies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart range to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart to PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume live chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme: follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme: light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme: dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated time per wall-clock second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario for the next reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 (local profile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent: stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent: running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent: paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cycle %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed %1×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: offline (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No remote service is configured: the agent runs on this machine with the simulator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>simulated payment traffic, scenario &lt;i&gt;%1&lt;/i&gt;. Nothing here touches real payments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still unacknowledged: critical anomaly #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical anomaly #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge anomalies %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze selected anomalies for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set speed to %1×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch theme to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset demo on scenario %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started a new demo run on %1. The previous run&apos;s audit log and triage stay in the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No translation for language &quot;%1&quot;; showing English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote sync…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote sync is not started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: live · history truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: reconnecting (attempt %1, last event %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: reconnecting (attempt %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n queued</numerusform>
            <numerusform>%n queued</numerusform>
        </translation>
    </message>
    <message>
        <source>Remote data may be stale: no connection to %1 since %2 (%3). Decisions you make are queued and sent when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach %1 (%2). Decisions you make are queued and sent when it answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History truncated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data source: local agent and simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data source: remote agent (sync server)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data source: Python agent feed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnecting (attempt %1: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for its first message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for its first cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Python agent feed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote agent of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent time %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only telemetry from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gateway %1 · NRV %2 · confidence %3%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>States, baselines and anomalies are this console&apos;s own reading of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s last thought: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cycles of tenant &lt;i&gt;%1&lt;/i&gt;&apos;s agent through the sync server%2. Your triage stays on this console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A remote agent is reached through the sync server: set one up first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant whose agent to follow (its publish --tenant):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tenant is one subject token: no dots, spaces, * or &gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebSocket URL of the feed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your decision was not applied: %1 by %2 first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A service refused your command: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline demo stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(achieving %1×)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this console&apos;s agent is not running on %1: %2. &lt;i&gt;Run agent&lt;/i&gt; tries again, &lt;i&gt;Reset demo&lt;/i&gt; starts a new run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this console&apos;s agent cannot use %1: %2. The file is damaged, and a new run in it cannot mend it: restore it from a backup (then &lt;i&gt;Run agent&lt;/i&gt; continues), or start the console with another &lt;code&gt;--db&lt;/code&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A service refused your command and gave no reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n set aside</source>
        <translation>
            <numerusform>%n set aside</numerusform>
            <numerusform>%n set aside</numerusform>
        </translation>
    </message>
    <message>
        <source>Profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are %1, %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continued the saved run after cycle %1, the last one it saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continued the saved run of %1 after cycle %2, the last one it saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset demo starts a new run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this console&apos;s agent is not running on %1: %2. As %3 you may not run or reset it; an on-call engineer or an admin may.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this console&apos;s agent is not running on %1: %2. Once the other process lets go of it, &lt;i&gt;Run agent&lt;/i&gt; continues the run this file holds; or start the console with another &lt;code&gt;--db&lt;/code&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done: as %1 you may not run, pause, step, reset the agent or change its speed or scenario; the on-call engineer and the admin may. Change your role under File &gt; Profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payops-agent sync --set-aside --db %1 lists them with their bodies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: connected · %1 not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent: in another process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following another process&apos;s run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused your command, and no service will see it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the process that ran the agent on %1 has stopped (it had it when this console opened: %2); the pages show its run as it left it. &lt;i&gt;Run agent&lt;/i&gt; continues the run here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this console&apos;s agent is not running on %1: %2. The pages follow that process&apos;s run as it saves its cycles; its triage is kept by the console that runs it. Once the other process lets go of it, &lt;i&gt;Run agent&lt;/i&gt; continues the run here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) set aside (table sync_quarantine): messages that did not follow the sync contract, never applied, and events the server lost after this console applied them. The newest: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sync: not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the saved secret cannot be read (%1). Save and connect in File &gt; Remote sync tries again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no secret is saved for %1 (authentication: %2). Enter it in File &gt; Remote sync, or choose No authentication there if the server asks for none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A remote agent is followed through the sync server, and none is set: the pages show the local agent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a ws:// or wss:// URL%2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::MetricChart</name>
    <message>
        <source>Transactions in window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (issuer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (method)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EWMA baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anomaly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intervention applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intervention expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow transactions this cycle (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no figures in this range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag across the chart to zoom into a time span; double-click to follow the data again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success rate in window (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95 latency in window (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retries per transaction in window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success rate this cycle (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean latency this cycle (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retries per transaction this cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detector&apos;s expectation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::NumberFormat</name>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::Phrase</name>
    <message>
        <source>; last cycle: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; last %1 cycles: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over the last %1 cycles (%2 tx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a cycle ago (only thin cycles since)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cycles ago (only thin cycles since)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>success rate %1 %2, expected %3 +/- %4 (%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code %1 on %2 of %3 failures %4, usually %5 % (z %6 &gt;= %7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no transactions for %1 cycles, %2 a cycle expected with the agent&apos;s intervention (%3 % of it) (z %4 &gt;= %5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no transactions for %1 cycles, %2 a cycle expected (z %3 &gt;= %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no transactions this cycle, %1 expected with the agent&apos;s intervention (%2 % of it) (z %3 &gt;= %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no transactions this cycle, %1 expected (z %2 &gt;= %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean retries %1 %2, expected %3 +/- %4; %5 % retried %6+ times (%7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 tx %3 slower than %4 ms (%5x the usual p95), usually %6 % (z %7 still &gt;= %8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 tx %3 slower than %4 ms (%5x the usual p95), usually %6 % (z %7 &gt;= %8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean latency %1 %2 ms, expected %3 +/- %4 ms (%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failure share %1 &gt; %2 beyond sampling error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failure share %1 still &gt; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>success rate this cycle %1 (%2 tx) z %3 &gt;= %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean retries this cycle %1 (%2 tx) z %3 &gt;= %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>success rate z %1 &gt;= %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean retries z %1 &gt;= %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95 latency z %1 &gt;= %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean retries %1 &gt; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share with &gt;= 3 retries %1 &gt; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95 latency %1x baseline &gt; %2x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 rail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payment system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s authorisation systems are down or shedding load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authorisations are declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authorisations are declined (top code %1 %2, %3 of failures)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the network path to %1 is degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests time out or fail in transit (p95 latency %1 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clients and the gateway retry too aggressively on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each payment is attempted %1 times on average, %2 with 3 or more retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is failing upstream of the issuers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of payments fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of payments fail (top code %2 %3, %4 of failures)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>processing capacity for %1 is saturated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>responses slow down (p95 %1 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 affecting %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checkouts slow down: p95 %1 ms against a baseline of %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checkouts slow down: %1 ms on average against %2 ms expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a slow tail: %1 of checkouts are far slower than the usual p95 (usually %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>success rate %1, %2 failed of %3 payments in the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over the last 2 cycles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s code %2 is %3&apos;s: %4 of its %5 failures with it %6 were there; without them %7 of %8 failures had it (usually %9 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fails through %2: %3 of its %4 failures in the window were there; without them %5 of %6 failed (%7 %, the rule&apos;s bar %8 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fails through %2: %3 of its %4 failures %5 were there; without them %6 of %7 failed (%8 %, usually %9 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is slow through %2: %3 of its %4 transactions this cycle went there at %5 ms; without them its mean latency was %6 ms (usually %7 +/- %8 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>do not honour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>insufficient funds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incorrect PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exceeds withdrawal limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system malfunction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UPI debit timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UPI risk threshold exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UPI invalid MPIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>net banking session timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unrecognised response code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the issuer was healthy and good traffic is turned away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the remaining issuers cannot absorb the extra volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires on its own after the configured duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>roll back by hand at any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic rollback if success drops or latency rises</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customers cannot complete payment on the alternative method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the alternative method degrades under the added load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires on its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>roll back by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic rollback on a success drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payments that a retry would have saved now fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a system-wide change touches every merchant at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs approval (blast radius 0.5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alert fatigue if the anomaly is noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alerts are deduplicated per anomaly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blast radius %1 &gt; %2 allowed without approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duration %1 ms &gt; %2 ms allowed without approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blast radius %1 &gt; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uncertainty %1 &gt; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confidence %1 &lt; min_confidence %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pre-mortem risk %1 &gt;= %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best NRV %1 &gt; 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum Frequency Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no option with positive NRV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no anomaly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fraud risk %1 exceeds the limit %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compliance risk %1 exceeds the limit %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already %1 interventions in force (limit %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; not executed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z %1, likelihood %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>likelihood %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>likelihood %1 when it opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z %1; likelihood %2 when it opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z %1, likelihood %2 when it opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot acknowledge anomaly %1: no such anomaly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot resolve anomaly %1: no such anomaly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anomaly %1 is already resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolving anomaly %1 by hand needs a note saying why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot snooze anomaly %1: no such anomaly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anomaly %1 is resolved: there is nothing to snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a snooze must end in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot unsnooze anomaly %1: no such anomaly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anomaly %1 is not snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot assign anomaly %1: no such anomaly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot annotate anomaly %1: no such anomaly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a note cannot be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a silence needs a pattern or a dimension: one that matches everything would hide every anomaly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a silence must end in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no silence %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every option refused by the safety constraints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rejected it in approval request #%2; not offered again before %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rolled it back (intervention #%2); not offered again before %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every option already in force or awaiting approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rolled it back as harmful (intervention #%1); not offered again before %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every option not already in force or awaiting approval refused by the safety constraints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 issuers already suppressed or awaiting approval to be (limit %3 at once): when most issuers fail, routing away from them leaves nowhere to route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no issuer may be suppressed with %1 carrying traffic (safety.max_suppressed_issuer_share)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::ProfileDialog</name>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>triage anomalies (acknowledge, snooze, assign, resolve, silence)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add notes to an anomaly&apos;s timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This role is read only: it sees everything and changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This role may %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name: the audit log records who did what.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name holds a line break or an invisible character, which would make the audit log read as another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a name the agent records for itself; choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run, pause, step and reset the local agent, and change its speed and scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the name alone: the audit log adds where a decision came from (operator:, remote: or cli:).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name mixes Latin, Cyrillic or Greek letters, as names made to look like another do; write it in one alphabet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::RoleLabel</name>
    <message>
        <source>Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-call engineer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::SecretStore</name>
    <message>
        <source>the OS keychain is not used here; the secret is kept for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the OS keychain refused the secret (%1); it is kept for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the OS keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::SilenceDialog</name>
    <message>
        <source>New silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer:HDFC, issuer:*, method:upi … (* and ? are wildcards)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why, for whoever sees it later (e.g. planned HDFC maintenance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a pattern or a dimension: a silence cannot hide everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Would hide %n anomaly(ies) now</source>
        <translation>
            <numerusform>Would hide %n anomaly now</numerusform>
            <numerusform>Would hide %n anomalies now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
    <message>
        <source>and any new ones that match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::SyncSettingsDialog</name>
    <message>
        <source>User: a user name is needed for user and password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a NATS server&apos;s websocket listener to receive events from remote services and send them your decisions. Without one, the console works offline on this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several servers of one cluster may be given, separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User and password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NKey seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the server&apos;s certificate (wss://)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off only for a developer&apos;s self-signed server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a server URL, or choose Work offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a server URL first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (NATS %2, JetStream %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off — sync needs it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave empty to keep the saved one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT credentials (.creds file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load .creds file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NATS credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials (*.creds);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loaded from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the saved credentials are kept; load a file to replace them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the saved secret…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved secret cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>load a .creds file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials: load a .creds file; the saved secret is for another kind of authentication.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: enter it; the saved secret is for another kind of authentication.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials: none are saved for this server; load a .creds file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: none is saved for this server; enter it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings changed while the saved secret was read: try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: &apos;%1&apos; is not a ws:// or wss:// URL%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain cannot be read now: load a .creds file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain cannot be read now: enter it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::feed::PythonFeedClient</name>
    <message>
        <source>Python agent feed %1: message refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no message for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::sync::JsApi</name>
    <message>
        <source>%1: %2 after %3 attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reply (timeout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no responders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reply is not JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message to %1 is %2 bytes; the server takes at most %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not permit this connection to publish to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::sync::KeyValueStore</name>
    <message>
        <source>revision %1 of %2 does not exist (any more)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::sync::LocalKv</name>
    <message>
        <source>wrong last revision: %1 is at %2, not %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::sync::LocalServices</name>
    <message>
        <source>the local services could not answer command %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the local demo services could not add an event: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::sync::NatsWsConnection</name>
    <message>
        <source>no answer from %1 within %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no server URL configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an INFO that is not JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not support headers, which sync needs (G10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stale connection: %1 PINGs unanswered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: the CA file %1 cannot be read or holds no PEM certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::sync::OrderedConsumer</name>
    <message>
        <source>server entering lame-duck mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heartbeat reports consumer sequence %1, expected %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gap: consumer sequence %1, expected %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no heartbeat for %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::sync::RemoteAgentFeed</name>
    <message>
        <source>Waiting for the remote agent&apos;s cycles on %1 (%2). Is payops-agent publish running for this tenant?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed remote cycle (%1 #%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::sync::SyncClient</name>
    <message>
        <source>%1: events %2 to %3 were removed by retention before this console saw them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server lost events %2 to %3 after this console applied them; they are set aside, and its last events are read again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was deleted and created anew</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>payops::sync::SyncWorker</name>
    <message>
        <source>no remote service is configured: the command was not queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local services cannot start, trying again every 5 s: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
