<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AlertNotification</name>
    <message>
        <source>Alert “%1”</source>
        <translation>Alarm „%1“</translation>
    </message>
    <message>
        <source>%1 groups triggered, %2 resolved (%3)</source>
        <translation>%1 Gruppen ausgelöst, %2 aufgehoben (%3)</translation>
    </message>
    <message>
        <source>Alert triggered: %1</source>
        <translation>Alarm ausgelöst: %1</translation>
    </message>
    <message>
        <source>Alert resolved: %1</source>
        <translation>Alarm aufgehoben: %1</translation>
    </message>
    <message>
        <source>%1 is %2 (threshold %3 %4 in %5)</source>
        <translation>%1 ist %2 (Schwelle %3 %4 in %5)</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 für %2</translation>
    </message>
    <message>
        <source>Open Spanner Console</source>
        <translation>Open Spanner Console</translation>
    </message>
    <message>
        <source>Show window</source>
        <translation>Fenster anzeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>AlertText</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Alerting</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Triggered</source>
        <translation>Ausgelöst</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Aufgehoben</translation>
    </message>
    <message>
        <source>Evaluation failed</source>
        <translation>Auswertung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>%1 %2 in %3</source>
        <translation>%1 %2 in %3</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>delivered (%1)</source>
        <translation>zugestellt (%1)</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>osc::ui::AccountsPage</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Could not load users and workspaces: %1</source>
        <translation>Benutzer und Arbeitsbereiche konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Load failed</source>
        <translation>Laden fehlgeschlagen</translation>
    </message>
    <message>
        <source>All workspaces</source>
        <translation>Alle Arbeitsbereiche</translation>
    </message>
    <message>
        <source>1 user · updated %1</source>
        <translation>1 Benutzer · aktualisiert %1</translation>
    </message>
    <message>
        <source>%1 users · updated %2</source>
        <translation>%1 Benutzer · aktualisiert %2</translation>
    </message>
    <message>
        <source>Could not change registration: %1</source>
        <translation>Die Registrierung konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <source>Added %1 with a workspace of their own.</source>
        <translation>%1 wurde mit einem eigenen Arbeitsbereich angelegt.</translation>
    </message>
    <message>
        <source>New password set for %1; their sessions have ended.</source>
        <translation>Neues Passwort für %1 gesetzt; die Sitzungen dieses Benutzers wurden beendet.</translation>
    </message>
    <message>
        <source>Users &amp; workspaces</source>
        <translation>Benutzer &amp; Arbeitsbereiche</translation>
    </message>
    <message>
        <source>Dashboard accounts of this instance and the workspaces they own. This window needs no login: it administers its own instance.</source>
        <translation>Dashboard-Konten dieser Instanz und die Arbeitsbereiche, die ihnen gehören. Dieses Fenster braucht keine Anmeldung: Es verwaltet seine eigene Instanz.</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Benutzer hinzufügen…</translation>
    </message>
    <message>
        <source>Add a dashboard user; allowed even while registration is closed</source>
        <translation>Einen Dashboard-Benutzer anlegen; auch bei geschlossener Registrierung erlaubt</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Passwort zurücksetzen…</translation>
    </message>
    <message>
        <source>Set a new password for the selected user and end their sessions</source>
        <translation>Ein neues Passwort für den gewählten Benutzer setzen und seine Sitzungen beenden</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Reload users, workspaces and keys (F5)</source>
        <translation>Benutzer, Arbeitsbereiche und Schlüssel neu laden (F5)</translation>
    </message>
    <message>
        <source>Registration open</source>
        <translation>Registrierung offen</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>Anyone who can reach the REST API may create an account (POST /v1/auth/users).</source>
        <translation>Jeder, der die REST-API erreicht, darf ein Konto anlegen (POST /v1/auth/users).</translation>
    </message>
    <message>
        <source>POST /v1/auth/users is refused; existing users still log in, and you can add users here.</source>
        <translation>POST /v1/auth/users wird abgelehnt; bestehende Benutzer können sich weiter anmelden, und hier können Sie Benutzer anlegen.</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>API keys by workspace</source>
        <translation>API-Schlüssel nach Arbeitsbereich</translation>
    </message>
    <message>
        <source>Keys &amp;of:</source>
        <translation>Schlüssel &amp;von:</translation>
    </message>
    <message>
        <source>Set to “%1” by OPEN_SPANNER_REGISTRATION or --registration for this run, which wins over this switch. Change it there; without it, the stored setting applies again.</source>
        <translation>Für diesen Lauf durch OPEN_SPANNER_REGISTRATION oder --registration auf „%1“ gesetzt; das hat Vorrang vor diesem Schalter. Ändern Sie es dort; ohne diese Vorgabe gilt wieder die gespeicherte Einstellung.</translation>
    </message>
</context>
<context>
    <name>osc::ui::AlertDestinationsPanel</name>
    <message>
        <source>Test deliveries</source>
        <translation>Testzustellungen</translation>
    </message>
    <message>
        <source>Add a destination, then send it a test event to check the receiver.</source>
        <translation>Legen Sie ein Ziel an und senden Sie ihm ein Testereignis, um den Empfänger zu prüfen.</translation>
    </message>
    <message>
        <source>Test deliveries to “%1”</source>
        <translation>Testzustellungen an „%1“</translation>
    </message>
    <message>
        <source>“Send test event” posts a signed event of type “test” through the same queue and retries as real alerts.</source>
        <translation>„Testereignis senden“ schickt ein signiertes Ereignis vom Typ „test“ über dieselbe Warteschlange und dieselben Wiederholungen wie echte Alarme.</translation>
    </message>
    <message>
        <source>Could not load the test deliveries: %1</source>
        <translation>Die Testzustellungen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Test event queued: the alert worker sends it within seconds.</source>
        <translation>Testereignis eingereiht: Der Alarm-Worker sendet es binnen Sekunden.</translation>
    </message>
    <message>
        <source>The receiver accepted the test event.</source>
        <translation>Der Empfänger hat das Testereignis angenommen.</translation>
    </message>
    <message>
        <source>The receiver has not accepted it yet; failed attempts are retried with backoff.</source>
        <translation>Der Empfänger hat es noch nicht angenommen; fehlgeschlagene Versuche werden mit wachsendem Abstand wiederholt.</translation>
    </message>
    <message>
        <source>Delete destination</source>
        <translation>Ziel löschen</translation>
    </message>
    <message>
        <source>Delete “%1”? A destination that rules still use is kept.</source>
        <translation>„%1“ löschen? Ein Ziel, das Regeln noch verwenden, bleibt erhalten.</translation>
    </message>
    <message>
        <source>Could not delete “%1”: %2</source>
        <translation>„%1“ konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Rotate signing secret</source>
        <translation>Signaturschlüssel erneuern</translation>
    </message>
    <message>
        <source>Replace the signing secret of “%1”? Receivers must use the new one at once: webhooks are signed with it from now on.</source>
        <translation>Den Signaturschlüssel von „%1“ ersetzen? Empfänger müssen sofort den neuen verwenden: Webhooks werden ab jetzt damit signiert.</translation>
    </message>
    <message>
        <source>Could not rotate the secret of “%1”: %2</source>
        <translation>Der Schlüssel von „%1“ konnte nicht erneuert werden: %2</translation>
    </message>
    <message>
        <source>Could not send a test event to “%1”: %2</source>
        <translation>An „%1“ konnte kein Testereignis gesendet werden: %2</translation>
    </message>
    <message>
        <source>New destination…</source>
        <translation>Neues Ziel…</translation>
    </message>
    <message>
        <source>A webhook URL that receives this workspace&apos;s alert events</source>
        <translation>Eine Webhook-URL, die die Alarmereignisse dieses Arbeitsbereichs erhält</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Change the selected destination&apos;s name, URL or whether it is enabled</source>
        <translation>Name, URL oder Aktivierung des ausgewählten Ziels ändern</translation>
    </message>
    <message>
        <source>Rotate secret…</source>
        <translation>Schlüssel erneuern…</translation>
    </message>
    <message>
        <source>Replace the signing secret; the new one is shown once</source>
        <translation>Den Signaturschlüssel ersetzen; der neue wird einmal angezeigt</translation>
    </message>
    <message>
        <source>Send test event</source>
        <translation>Testereignis senden</translation>
    </message>
    <message>
        <source>Queue a signed test webhook to the selected destination</source>
        <translation>Einen signierten Test-Webhook an das ausgewählte Ziel einreihen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected destination; refused while rules use it</source>
        <translation>Das ausgewählte Ziel löschen; abgelehnt, solange Regeln es verwenden</translation>
    </message>
</context>
<context>
    <name>osc::ui::AlertEventModel</name>
    <message>
        <source>not sent</source>
        <translation>nicht gesendet</translation>
    </message>
    <message>
        <source>pending or not sent</source>
        <translation>ausstehend oder nicht gesendet</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
</context>
<context>
    <name>osc::ui::AlertRuleDialog</name>
    <message>
        <source>Edit alert rule</source>
        <translation>Alarmregel bearbeiten</translation>
    </message>
    <message>
        <source>New alert rule</source>
        <translation>Neue Alarmregel</translation>
    </message>
    <message>
        <source>e.g. Orders over quota</source>
        <translation>z. B. Bestellungen über Kontingent</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Aktiv</translation>
    </message>
    <message>
        <source>Evaluated on schedule and shortly after matching usage</source>
        <translation>Wird nach Zeitplan und kurz nach passender Nutzung ausgewertet</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Meter:</source>
        <translation>&amp;Zähler:</translation>
    </message>
    <message>
        <source>&amp;Alert when value is:</source>
        <translation>Alar&amp;m, wenn Wert:</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>Zeit&amp;fenster:</translation>
    </message>
    <message>
        <source>&amp;Per:</source>
        <translation>&amp;Je:</translation>
    </message>
    <message>
        <source>Evaluate &amp;every:</source>
        <translation>Auswerten &amp;alle:</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>Zie&amp;l:</translation>
    </message>
    <message>
        <source>Events counted (conditions with “is”, all required)</source>
        <translation>Gezählte Ereignisse (Bedingungen mit „ist“, alle erforderlich)</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Create rule</source>
        <translation>Regel anlegen</translation>
    </message>
    <message>
        <source>There is no meter to watch yet: create one on the Meters page first.</source>
        <translation>Es gibt noch keinen Zähler zum Überwachen: Legen Sie zuerst einen auf der Seite Zähler an.</translation>
    </message>
    <message>
        <source>Add a destination first (Destinations tab): every rule sends its events to one.</source>
        <translation>Legen Sie zuerst ein Ziel an (Reiter Ziele): Jede Regel sendet ihre Ereignisse an eines.</translation>
    </message>
    <message>
        <source>All usage together</source>
        <translation>Alle Nutzung zusammen</translation>
    </message>
    <message>
        <source>Each subject</source>
        <translation>Jedes Subjekt</translation>
    </message>
    <message>
        <source>Each %1</source>
        <translation>Je %1</translation>
    </message>
    <message>
        <source>Choose a meter to see its current value.</source>
        <translation>Wählen Sie einen Zähler, um seinen aktuellen Wert zu sehen.</translation>
    </message>
    <message>
        <source>Fix the filter to see the current value.</source>
        <translation>Korrigieren Sie den Filter, um den aktuellen Wert zu sehen.</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>Wird ausgewertet…</translation>
    </message>
    <message>
        <source>No value: %1</source>
        <translation>Kein Wert: %1</translation>
    </message>
    <message>
        <source>No usage in the window yet: the rule would be “%1”.</source>
        <translation>Noch keine Nutzung im Zeitfenster: Die Regel stünde auf „%1“.</translation>
    </message>
    <message>
        <source>The rule could not be evaluated: %1</source>
        <translation>Die Regel konnte nicht ausgewertet werden: %1</translation>
    </message>
    <message>
        <source>Current value: &lt;b&gt;%1&lt;/b&gt;, the rule would be “%2”.</source>
        <translation>Aktueller Wert: &lt;b&gt;%1&lt;/b&gt;, die Regel stünde auf „%2“.</translation>
    </message>
    <message>
        <source>1 group now</source>
        <translation>Jetzt 1 Gruppe</translation>
    </message>
    <message>
        <source>%1 groups now</source>
        <translation>Jetzt %1 Gruppen</translation>
    </message>
    <message>
        <source>%1, %2 alerting; highest: &lt;b&gt;%3&lt;/b&gt; for %4.</source>
        <translation>%1, %2 im Alarm; höchster Wert: &lt;b&gt;%3&lt;/b&gt; für %4.</translation>
    </message>
    <message>
        <source>The value is the meter&apos;s aggregation (“%1”) of its events in the window: what a bucket query over the window returns.</source>
        <translation>Der Wert ist die Aggregation des Zählers („%1“) seiner Ereignisse im Zeitfenster: was eine Bucket-Abfrage über das Zeitfenster liefert.</translation>
    </message>
</context>
<context>
    <name>osc::ui::AlertRuleModel</name>
    <message>
        <source>%1 (disabled)</source>
        <translation>%1 (inaktiv)</translation>
    </message>
    <message>
        <source>Not evaluated</source>
        <translation>Nicht ausgewertet</translation>
    </message>
    <message>
        <source>%1 · %2 groups</source>
        <translation>%1 · %2 Gruppen</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>Je</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
</context>
<context>
    <name>osc::ui::AlertStateModel</name>
    <message>
        <source>All usage</source>
        <translation>Gesamte Nutzung</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
</context>
<context>
    <name>osc::ui::AlertsPage</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Could not load alerts: %1</source>
        <translation>Alarme konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Load failed</source>
        <translation>Laden fehlgeschlagen</translation>
    </message>
    <message>
        <source>1 rule</source>
        <translation>1 Regel</translation>
    </message>
    <message>
        <source>%1 rules</source>
        <translation>%1 Regeln</translation>
    </message>
    <message>
        <source>%1, %2 alerting · updated %3</source>
        <translation>%1, %2 im Alarm · aktualisiert %3</translation>
    </message>
    <message>
        <source>State per group</source>
        <translation>Zustand je Gruppe</translation>
    </message>
    <message>
        <source>“%1” has not been evaluated yet</source>
        <translation>„%1“ wurde noch nicht ausgewertet</translation>
    </message>
    <message>
        <source>State per group of “%1”</source>
        <translation>Zustand je Gruppe von „%1“</translation>
    </message>
    <message>
        <source>Delivery log (select an event)</source>
        <translation>Zustellprotokoll (Ereignis auswählen)</translation>
    </message>
    <message>
        <source>Delivery log</source>
        <translation>Zustellprotokoll</translation>
    </message>
    <message>
        <source>Delivery log: no attempt (not sent, or still queued)</source>
        <translation>Zustellprotokoll: kein Versuch (nicht gesendet oder noch in der Warteschlange)</translation>
    </message>
    <message>
        <source>Delivery log: 1 attempt</source>
        <translation>Zustellprotokoll: 1 Versuch</translation>
    </message>
    <message>
        <source>Delivery log: %1 attempts</source>
        <translation>Zustellprotokoll: %1 Versuche</translation>
    </message>
    <message>
        <source>Could not load the delivery log: %1</source>
        <translation>Das Zustellprotokoll konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Delete alert rule</source>
        <translation>Alarmregel löschen</translation>
    </message>
    <message>
        <source>Delete “%1” with its states, events and delivery log?</source>
        <translation>„%1“ mit Zuständen, Ereignissen und Zustellprotokoll löschen?</translation>
    </message>
    <message>
        <source>Could not delete “%1”: %2</source>
        <translation>„%1“ konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Could not evaluate “%1”: %2</source>
        <translation>„%1“ konnte nicht ausgewertet werden: %2</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Threshold rules over a meter&apos;s usage in a window, per group; triggered and resolved events go to signed webhooks.</source>
        <translation>Schwellenregeln über die Nutzung eines Zählers in einem Zeitfenster, je Gruppe; ausgelöste und aufgehobene Ereignisse gehen an signierte Webhooks.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Reload rules, events and destinations (F5)</source>
        <translation>Regeln, Ereignisse und Ziele neu laden (F5)</translation>
    </message>
    <message>
        <source>New rule…</source>
        <translation>Neue Regel…</translation>
    </message>
    <message>
        <source>Watch a meter: needs a meter and a destination</source>
        <translation>Einen Zähler überwachen: braucht einen Zähler und ein Ziel</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Change the selected rule; it is evaluated again at once</source>
        <translation>Die ausgewählte Regel ändern; sie wird sofort neu ausgewertet</translation>
    </message>
    <message>
        <source>Evaluate now</source>
        <translation>Jetzt auswerten</translation>
    </message>
    <message>
        <source>Evaluate the selected rule now and record its state (sends no webhook)</source>
        <translation>Die ausgewählte Regel jetzt auswerten und ihren Zustand festhalten (sendet keinen Webhook)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected rule with its events</source>
        <translation>Die ausgewählte Regel mit ihren Ereignissen löschen</translation>
    </message>
    <message>
        <source>No alert rules yet. Add a destination (the webhook that receives events), then “New rule…” watches a meter against a threshold.</source>
        <translation>Noch keine Alarmregeln. Legen Sie ein Ziel an (den Webhook, der die Ereignisse erhält); dann überwacht „Neue Regel…“ einen Zähler gegen eine Schwelle.</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Destinations</source>
        <translation>Ziele</translation>
    </message>
</context>
<context>
    <name>osc::ui::ApiKeyTableModel</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>The secret starts with this prefix; the rest is never stored.</source>
        <translation>Der geheime Schlüssel beginnt mit diesem Präfix; der Rest wird nie gespeichert.</translation>
    </message>
    <message>
        <source>Revoked at %1</source>
        <translation>Widerrufen am %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>Präfix</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Scopes</translation>
    </message>
    <message>
        <source>Allowed meters</source>
        <translation>Erlaubte Zähler</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt benutzt</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Made in the console or with the CLI</source>
        <translation>In der Konsole oder mit der Kommandozeile erstellt</translation>
    </message>
    <message>
        <source>Made by this user over a dashboard session</source>
        <translation>Von diesem Benutzer über eine Dashboard-Sitzung erstellt</translation>
    </message>
    <message>
        <source>Workspace id: %1</source>
        <translation>Arbeitsbereich-ID: %1</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>%1/min</source>
        <translation>%1/min</translation>
    </message>
    <message>
        <source>%1/min, burst %2</source>
        <translation>%1/min, Burst %2</translation>
    </message>
    <message>
        <source>Requests per minute this key may make; beyond it the server answers 429.</source>
        <translation>Anfragen pro Minute, die dieser Schlüssel stellen darf; darüber antwortet der Server mit 429.</translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation>Ratenlimit</translation>
    </message>
</context>
<context>
    <name>osc::ui::ApiKeysPage</name>
    <message>
        <source>Select a key to see its usage over the last 30 days.</source>
        <translation>Wählen Sie einen Schlüssel, um seine Nutzung der letzten 30 Tage zu sehen.</translation>
    </message>
    <message>
        <source>%1: 1 event in the last 30 days</source>
        <translation>%1: 1 Ereignis in den letzten 30 Tagen</translation>
    </message>
    <message>
        <source>%1: %2 events in the last 30 days</source>
        <translation>%1: %2 Ereignisse in den letzten 30 Tagen</translation>
    </message>
    <message>
        <source>Create key…</source>
        <translation>Schlüssel erstellen…</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Revoke the selected key; it stops working at once</source>
        <translation>Den ausgewählten Schlüssel widerrufen; er funktioniert sofort nicht mehr</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Reload the keys (F5)</source>
        <translation>Schlüssel neu laden (F5)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Could not load API keys: %1</source>
        <translation>API-Schlüssel konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Load failed</source>
        <translation>Laden fehlgeschlagen</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>API-Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>Revoke “%1”? Services using it will get 401 Unauthorized at once. This cannot be undone.</source>
        <translation>„%1“ widerrufen? Dienste, die ihn verwenden, erhalten sofort 401 Unauthorized. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Could not revoke the key: %1</source>
        <translation>Der Schlüssel konnte nicht widerrufen werden: %1</translation>
    </message>
    <message>
        <source>That key no longer exists.</source>
        <translation>Diesen Schlüssel gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>1 key · updated %1</source>
        <translation>1 Schlüssel · aktualisiert %1</translation>
    </message>
    <message>
        <source>%1 keys · updated %2</source>
        <translation>%1 Schlüssel · aktualisiert %2</translation>
    </message>
    <message>
        <source>Loading API keys…</source>
        <translation>API-Schlüssel werden geladen…</translation>
    </message>
    <message>
        <source>No API keys yet. Create one to let a service or SDK post usage to this console.</source>
        <translation>Noch keine API-Schlüssel. Erstellen Sie einen, damit ein Dienst oder SDK Nutzung an diese Konsole senden kann.</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Keys let services and SDKs call this console&apos;s REST API. Secrets are shown once, when the key is created.</source>
        <translation>Mit Schlüsseln rufen Dienste und SDKs die REST-API dieser Konsole auf. Der geheime Schlüssel wird nur einmal angezeigt, beim Erstellen.</translation>
    </message>
    <message>
        <source>Rate limit…</source>
        <translation>Ratenlimit…</translation>
    </message>
    <message>
        <source>Limit how many requests per minute the selected key may make</source>
        <translation>Begrenzen, wie viele Anfragen pro Minute der ausgewählte Schlüssel stellen darf</translation>
    </message>
</context>
<context>
    <name>osc::ui::AssignmentTableModel</name>
    <message>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>%1 (v%2)</source>
        <translation>%1 (v%2)</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subjekt</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Ab</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
</context>
<context>
    <name>osc::ui::ComingSoonPanel</name>
    <message>
        <source>Coming soon</source>
        <translation>Demnächst</translation>
    </message>
</context>
<context>
    <name>osc::ui::ConditionEditor</name>
    <message>
        <source>key, e.g. service.tier</source>
        <translation>Schlüssel, z. B. service.tier</translation>
    </message>
    <message>
        <source>A metadata key; dots reach into nested objects (service.tier)</source>
        <translation>Ein Metadaten-Schlüssel; Punkte greifen in verschachtelte Objekte (service.tier)</translation>
    </message>
    <message>
        <source>How to compare: &quot;200&quot; as text never equals the number 200</source>
        <translation>Wie verglichen wird: &quot;200&quot; als Text ist nie gleich der Zahl 200</translation>
    </message>
    <message>
        <source>as text</source>
        <translation>als Text</translation>
    </message>
    <message>
        <source>as number</source>
        <translation>als Zahl</translation>
    </message>
    <message>
        <source>as true/false</source>
        <translation>als wahr/falsch</translation>
    </message>
    <message>
        <source>(no value: true when the key is there, even if null)</source>
        <translation>(kein Wert: wahr, wenn der Schlüssel vorhanden ist, auch mit null)</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>number, e.g. 200 or 0.5</source>
        <translation>Zahl, z. B. 200 oder 0,5</translation>
    </message>
    <message>
        <source>Not a number</source>
        <translation>Keine Zahl</translation>
    </message>
    <message>
        <source>true</source>
        <translation>wahr</translation>
    </message>
    <message>
        <source>false</source>
        <translation>falsch</translation>
    </message>
    <message>
        <source>Your local time; the filter stores it in UTC</source>
        <translation>Ihre Ortszeit; der Filter speichert sie in UTC</translation>
    </message>
    <message>
        <source>Double-click a value to change it</source>
        <translation>Doppelklick auf einen Wert, um ihn zu ändern</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Other metadata key…</source>
        <translation>Anderer Metadaten-Schlüssel…</translation>
    </message>
    <message>
        <source>Some values are not numbers; they are compared as text</source>
        <translation>Einige Werte sind keine Zahlen; sie werden als Text verglichen</translation>
    </message>
</context>
<context>
    <name>osc::ui::CreateApiKeyDialog</name>
    <message>
        <source>Create API key</source>
        <translation>API-Schlüssel erstellen</translation>
    </message>
    <message>
        <source>e.g. billing-service (production)</source>
        <translation>z. B. billing-service (Produktion)</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Scopes</translation>
    </message>
    <message>
        <source>Wildcards (grant a whole area):</source>
        <translation>Platzhalter (gewähren einen ganzen Bereich):</translation>
    </message>
    <message>
        <source>All meters (or a comma-separated list, e.g. api_calls, storage_gb)</source>
        <translation>Alle Zähler (oder eine kommagetrennte Liste, z. B. api_calls, storage_gb)</translation>
    </message>
    <message>
        <source>Expires on</source>
        <translation>Läuft ab am</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Allowed meters:</source>
        <translation>Erlaubte Zähler:</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>Ablauf:</translation>
    </message>
    <message>
        <source>Create key</source>
        <translation>Schlüssel erstellen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy this key now. It will not be shown again.</source>
        <translation>Kopieren Sie diesen Schlüssel jetzt. Er wird nicht noch einmal angezeigt.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Send it as &lt;code&gt;Authorization: Bearer &amp;lt;key&amp;gt;&lt;/code&gt;.</source>
        <translation>Senden Sie ihn als &lt;code&gt;Authorization: Bearer &amp;lt;Schlüssel&amp;gt;&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>Choose at least one scope.</source>
        <translation>Wählen Sie mindestens einen Scope.</translation>
    </message>
    <message>
        <source>API key “%1” created</source>
        <translation>API-Schlüssel „%1“ erstellt</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Wird erstellt…</translation>
    </message>
    <message>
        <source>Rate limit:</source>
        <translation>Ratenlimit:</translation>
    </message>
</context>
<context>
    <name>osc::ui::DeliveryAttemptModel</name>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Attempted</source>
        <translation>Versucht</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>osc::ui::DestinationDialog</name>
    <message>
        <source>Edit destination</source>
        <translation>Ziel bearbeiten</translation>
    </message>
    <message>
        <source>New destination</source>
        <translation>Neues Ziel</translation>
    </message>
    <message>
        <source>e.g. On-call webhook</source>
        <translation>z. B. Bereitschafts-Webhook</translation>
    </message>
    <message>
        <source>&amp;Enabled: send webhooks to this URL</source>
        <translation>&amp;Aktiv: Webhooks an diese URL senden</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Webhook &amp;URL:</source>
        <translation>Webhook-&amp;URL:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Create destination</source>
        <translation>Ziel anlegen</translation>
    </message>
</context>
<context>
    <name>osc::ui::DestinationModel</name>
    <message>
        <source>%1 (disabled)</source>
        <translation>%1 (inaktiv)</translation>
    </message>
    <message>
        <source>HMAC-SHA256</source>
        <translation>HMAC-SHA256</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Signed in X-Open-Spanner-Signature over X-Open-Spanner-Timestamp and the body</source>
        <translation>Signiert in X-Open-Spanner-Signature über X-Open-Spanner-Timestamp und den Body</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>Webhook-URL</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>osc::ui::DisplayFormat</name>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
</context>
<context>
    <name>osc::ui::DurationEdit</name>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
</context>
<context>
    <name>osc::ui::EntitlementEventModel</name>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>exceeded</source>
        <translation>überschritten</translation>
    </message>
    <message>
        <source>recovered</source>
        <translation>wieder im Rahmen</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subjekt</translation>
    </message>
    <message>
        <source>Meter / period</source>
        <translation>Zähler / Zeitraum</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Verbraucht</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
</context>
<context>
    <name>osc::ui::EventDetailView</name>
    <message>
        <source>Select an event to see all its fields and metadata.</source>
        <translation>Wählen Sie ein Ereignis, um alle seine Felder und Metadaten zu sehen.</translation>
    </message>
    <message>
        <source>Event time:</source>
        <translation>Ereigniszeit:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Subjekt:</translation>
    </message>
    <message>
        <source>Meter:</source>
        <translation>Zähler:</translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation>Menge:</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Empfangen:</translation>
    </message>
    <message>
        <source>Idempotency key:</source>
        <translation>Idempotenzschlüssel:</translation>
    </message>
    <message>
        <source>Event ID:</source>
        <translation>Ereignis-ID:</translation>
    </message>
    <message>
        <source>Metadata:</source>
        <translation>Metadaten:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
</context>
<context>
    <name>osc::ui::EventTableModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subjekt</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Event ID</source>
        <translation>Ereignis-ID</translation>
    </message>
</context>
<context>
    <name>osc::ui::EventsPage</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Reload meters, subjects and events (F5)</source>
        <translation>Zähler, Subjekte und Ereignisse neu laden (F5)</translation>
    </message>
    <message>
        <source>All meters</source>
        <translation>Alle Zähler</translation>
    </message>
    <message>
        <source>All subjects</source>
        <translation>Alle Subjekte</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Show the filter builder: conditions on dimensions, quantity and time</source>
        <translation>Filter-Editor zeigen: Bedingungen für Dimensionen, Menge und Zeit</translation>
    </message>
    <message>
        <source>&amp;Meter:</source>
        <translation>&amp;Zähler:</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Subjekt:</translation>
    </message>
    <message>
        <source>Loading events…</source>
        <translation>Ereignisse werden geladen…</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>Subjekte</translation>
    </message>
    <message>
        <source>Double-click a subject to show its events</source>
        <translation>Doppelklick auf ein Subjekt zeigt seine Ereignisse</translation>
    </message>
    <message>
        <source>Show events</source>
        <translation>Ereignisse zeigen</translation>
    </message>
    <message>
        <source>Show only the selected subject&apos;s events</source>
        <translation>Nur die Ereignisse des ausgewählten Subjekts zeigen</translation>
    </message>
    <message>
        <source>Open usage</source>
        <translation>Nutzung öffnen</translation>
    </message>
    <message>
        <source>Chart the selected subject&apos;s usage on the Usage page</source>
        <translation>Die Nutzung des ausgewählten Subjekts auf der Seite Nutzung als Diagramm zeigen</translation>
    </message>
    <message>
        <source>Could not load the meter list: %1</source>
        <translation>Die Zählerliste konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Could not load subjects: %1</source>
        <translation>Subjekte konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>No subjects yet: they appear with their first event.</source>
        <translation>Noch keine Subjekte: Sie erscheinen mit ihrem ersten Ereignis.</translation>
    </message>
    <message>
        <source>The %1 most recently active subjects.</source>
        <translation>Die %1 zuletzt aktiven Subjekte.</translation>
    </message>
    <message>
        <source>1 subject. Double-click it to see its events.</source>
        <translation>1 Subjekt. Doppelklick zeigt seine Ereignisse.</translation>
    </message>
    <message>
        <source>%1 subjects. Double-click one to see its events.</source>
        <translation>%1 Subjekte. Doppelklick auf eines zeigt seine Ereignisse.</translation>
    </message>
    <message>
        <source>Could not load events: %1</source>
        <translation>Ereignisse konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>No events to show.</source>
        <translation>Keine Ereignisse zum Anzeigen.</translation>
    </message>
    <message>
        <source>No usage events yet. Services post them to POST /v1/usages; for sample data run “open-spanner-console demo”.</source>
        <translation>Noch keine Nutzungsereignisse. Dienste senden sie an POST /v1/usages; für Beispieldaten führen Sie „open-spanner-console demo“ aus.</translation>
    </message>
    <message>
        <source>Filter (on)</source>
        <translation>Filter (an)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>1 event</source>
        <translation>1 Ereignis</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 Ereignisse</translation>
    </message>
    <message>
        <source>%1 events loaded · scroll for more</source>
        <translation>%1 Ereignisse geladen · für mehr weiterscrollen</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>The raw usage events services posted, newest first; more load as you scroll.</source>
        <translation>Die rohen Nutzungsereignisse, die Dienste gesendet haben, neueste zuerst; beim Scrollen werden weitere geladen.</translation>
    </message>
    <message>
        <source>No events match. Clear the subject, pick “All meters” or loosen the filter.</source>
        <translation>Keine passenden Ereignisse. Leeren Sie das Subjekt, wählen Sie „Alle Zähler“ oder lockern Sie den Filter.</translation>
    </message>
</context>
<context>
    <name>osc::ui::ExportJobModel</name>
    <message>
        <source>Usage report</source>
        <translation>Nutzungsbericht</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Usage events</source>
        <translation>Nutzungsereignisse</translation>
    </message>
    <message>
        <source>Usage buckets</source>
        <translation>Nutzungsintervalle</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>osc::ui::ExportsPage</name>
    <message>
        <source>Usage report…</source>
        <translation>Bericht…</translation>
    </message>
    <message>
        <source>Usage per user, API key, model, project or agent over a period, as CSV or JSON</source>
        <translation>Nutzung je Benutzer, API-Schlüssel, Modell, Projekt oder Agent in einem Zeitraum, als CSV oder JSON</translation>
    </message>
    <message>
        <source>Save export as</source>
        <translation>Export speichern unter</translation>
    </message>
    <message>
        <source>Could not load the export jobs: %1</source>
        <translation>Die Exportaufträge konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exporte</translation>
    </message>
    <message>
        <source>Usage exports run as background jobs: follow their progress, then save the file.</source>
        <translation>Nutzungsexporte laufen als Hintergrundaufträge: Fortschritt verfolgen, dann die Datei speichern.</translation>
    </message>
    <message>
        <source>New export…</source>
        <translation>Neuer Export…</translation>
    </message>
    <message>
        <source>Describe an export of usage buckets or events and queue it</source>
        <translation>Einen Export von Nutzungsintervallen oder Ereignissen beschreiben und in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the selected queued or running job</source>
        <translation>Den gewählten wartenden oder laufenden Auftrag abbrechen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Queue the selected failed or canceled job again</source>
        <translation>Den gewählten fehlgeschlagenen oder abgebrochenen Auftrag erneut einreihen</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Copy the file of the selected completed job to a place you choose</source>
        <translation>Die Datei des gewählten abgeschlossenen Auftrags an einen Ort Ihrer Wahl kopieren</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Show the export directory in the file manager</source>
        <translation>Das Exportverzeichnis im Dateimanager zeigen</translation>
    </message>
    <message>
        <source>No exports yet.

Click “New export…” to export usage buckets or raw events as CSV, JSON or NDJSON, or use “Export…” on the Usage page to export what the chart shows. Jobs run in the background; their files appear here when they complete.</source>
        <translation>Noch keine Exporte.

Klicken Sie auf „Neuer Export…“, um Nutzungsintervalle oder Rohereignisse als CSV, JSON oder NDJSON zu exportieren, oder nutzen Sie „Exportieren…“ auf der Seite Nutzung, um zu exportieren, was das Diagramm zeigt. Aufträge laufen im Hintergrund; ihre Dateien erscheinen hier, sobald sie fertig sind.</translation>
    </message>
    <message>
        <source>%1 of “%2”, %3</source>
        <translation>%1 von „%2“, %3</translation>
    </message>
    <message>
        <source>%1: waiting for an export worker.</source>
        <translation>%1: wartet auf einen Export-Worker.</translation>
    </message>
    <message>
        <source>%1: %2 rows written so far.</source>
        <translation>%1: bisher %2 Zeilen geschrieben.</translation>
    </message>
    <message>
        <source>%1: %2 rows, %3. Use “Save as…” to copy the file.</source>
        <translation>%1: %2 Zeilen, %3. Mit „Speichern unter…“ die Datei kopieren.</translation>
    </message>
    <message>
        <source>%1 failed: %2. Fix the cause, then Retry.</source>
        <translation>%1 fehlgeschlagen: %2. Ursache beheben, dann Wiederholen.</translation>
    </message>
    <message>
        <source>no reason was recorded</source>
        <translation>kein Grund wurde festgehalten</translation>
    </message>
    <message>
        <source>%1 was canceled; Retry queues it again.</source>
        <translation>%1 wurde abgebrochen; Wiederholen reiht ihn erneut ein.</translation>
    </message>
    <message>
        <source>Select a job to see its details.</source>
        <translation>Wählen Sie einen Auftrag, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>Could not queue the export: %1</source>
        <translation>Der Export konnte nicht eingereiht werden: %1</translation>
    </message>
    <message>
        <source>Could not cancel the export: %1</source>
        <translation>Der Export konnte nicht abgebrochen werden: %1</translation>
    </message>
    <message>
        <source>Could not retry the export: %1</source>
        <translation>Der Export konnte nicht wiederholt werden: %1</translation>
    </message>
    <message>
        <source>the file of this export is not available: %1</source>
        <translation>die Datei dieses Exports ist nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Could not open %1 in the file manager.</source>
        <translation>%1 konnte nicht im Dateimanager geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>osc::ui::FilterBuilder</name>
    <message>
        <source>Add condition</source>
        <translation>Bedingung hinzufügen</translation>
    </message>
    <message>
        <source>Add a condition to the selected group (or next to the selected condition)</source>
        <translation>Eine Bedingung zur ausgewählten Gruppe hinzufügen (oder neben der ausgewählten Bedingung)</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>Gruppe hinzufügen</translation>
    </message>
    <message>
        <source>Add a nested group: its conditions combine with AND or OR</source>
        <translation>Eine verschachtelte Gruppe hinzufügen: Ihre Bedingungen werden mit UND oder ODER verknüpft</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected condition or group</source>
        <translation>Die ausgewählte Bedingung oder Gruppe entfernen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Remove the whole filter</source>
        <translation>Den ganzen Filter entfernen</translation>
    </message>
    <message>
        <source>No filter: every event counts.
Add a condition to narrow it down, or type a filter as JSON on the right.</source>
        <translation>Kein Filter: Jedes Ereignis zählt.
Fügen Sie eine Bedingung hinzu, um einzugrenzen, oder geben Sie rechts einen Filter als JSON ein.</translation>
    </message>
    <message>
        <source>Select a condition or group to edit it.</source>
        <translation>Wählen Sie eine Bedingung oder Gruppe, um sie zu bearbeiten.</translation>
    </message>
    <message>
        <source>all of its rules (AND)</source>
        <translation>alle ihre Regeln (UND)</translation>
    </message>
    <message>
        <source>any of its rules (OR)</source>
        <translation>eine ihrer Regeln (ODER)</translation>
    </message>
    <message>
        <source>Events match this group when they match</source>
        <translation>Ereignisse passen zu dieser Gruppe, wenn sie erfüllen:</translation>
    </message>
    <message>
        <source>As JSON (editable; applied when valid)</source>
        <translation>Als JSON (bearbeitbar; wird übernommen, sobald gültig)</translation>
    </message>
    <message>
        <source>The JSON has a syntax error at character %1: %2. The tree keeps the last valid filter.</source>
        <translation>Das JSON hat einen Syntaxfehler bei Zeichen %1: %2. Der Baum behält den letzten gültigen Filter.</translation>
    </message>
    <message>
        <source>The tree keeps the last valid filter.</source>
        <translation>Der Baum behält den letzten gültigen Filter.</translation>
    </message>
    <message>
        <source>This JSON is not a filter. A filter is one object: a condition {&quot;type&quot;: &quot;condition&quot;, &quot;field&quot;: …, &quot;op&quot;: …, &quot;value&quot;: …} or a group {&quot;type&quot;: &quot;group&quot;, &quot;op&quot;: &quot;and&quot;, &quot;rules&quot;: […]}.</source>
        <translation>Dieses JSON ist kein Filter. Ein Filter ist ein Objekt: eine Bedingung {&quot;type&quot;: &quot;condition&quot;, &quot;field&quot;: …, &quot;op&quot;: …, &quot;value&quot;: …} oder eine Gruppe {&quot;type&quot;: &quot;group&quot;, &quot;op&quot;: &quot;and&quot;, &quot;rules&quot;: […]}.</translation>
    </message>
    <message>
        <source>Type the metadata key to filter on.</source>
        <translation>Geben Sie den Metadaten-Schlüssel ein, nach dem gefiltert wird.</translation>
    </message>
    <message>
        <source>%1: fields are subject, meter, quantity, timestamp, event_time, received_at, idempotency_key or metadata.&lt;key&gt; (letters, digits, _ and -, dots between parts).</source>
        <translation>%1: Felder sind subject, meter, quantity, timestamp, event_time, received_at, idempotency_key oder metadata.&lt;Schlüssel&gt; (Buchstaben, Ziffern, _ und -, Punkte zwischen Teilen).</translation>
    </message>
    <message>
        <source>“is one of” needs at least one value.</source>
        <translation>„ist eines von“ braucht mindestens einen Wert.</translation>
    </message>
    <message>
        <source>Every condition except “is present” needs a value (null is not one).</source>
        <translation>Jede Bedingung außer „ist vorhanden“ braucht einen Wert (null zählt nicht).</translation>
    </message>
    <message>
        <source>%1, like 2026-03-01T00:00:00Z.</source>
        <translation>%1, etwa 2026-03-01T00:00:00Z.</translation>
    </message>
</context>
<context>
    <name>osc::ui::FilterFields</name>
    <message>
        <source>Subject</source>
        <translation>Subjekt</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Event time</source>
        <translation>Ereigniszeit</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>Empfangen um</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Idempotency key</source>
        <translation>Idempotenzschlüssel</translation>
    </message>
    <message>
        <source>is</source>
        <translation>ist</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>ist nicht</translation>
    </message>
    <message>
        <source>after</source>
        <translation>nach</translation>
    </message>
    <message>
        <source>sorts after</source>
        <translation>sortiert nach</translation>
    </message>
    <message>
        <source>greater than</source>
        <translation>größer als</translation>
    </message>
    <message>
        <source>at or after</source>
        <translation>um oder nach</translation>
    </message>
    <message>
        <source>sorts at or after</source>
        <translation>sortiert gleich oder nach</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>mindestens</translation>
    </message>
    <message>
        <source>before</source>
        <translation>vor</translation>
    </message>
    <message>
        <source>sorts before</source>
        <translation>sortiert vor</translation>
    </message>
    <message>
        <source>less than</source>
        <translation>kleiner als</translation>
    </message>
    <message>
        <source>at or before</source>
        <translation>um oder vor</translation>
    </message>
    <message>
        <source>sorts at or before</source>
        <translation>sortiert gleich oder vor</translation>
    </message>
    <message>
        <source>at most</source>
        <translation>höchstens</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>ist eines von</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>is present</source>
        <translation>ist vorhanden</translation>
    </message>
</context>
<context>
    <name>osc::ui::FilterTreeModel</name>
    <message>
        <source>An empty group is not part of the filter until it holds a condition.</source>
        <translation>Eine leere Gruppe gehört erst zum Filter, wenn sie eine Bedingung enthält.</translation>
    </message>
    <message>
        <source>Any of (OR)</source>
        <translation>Eines von (ODER)</translation>
    </message>
    <message>
        <source>All of (AND)</source>
        <translation>Alle von (UND)</translation>
    </message>
    <message>
        <source>— empty</source>
        <translation>— leer</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>osc::ui::GrpcPanel</name>
    <message>
        <source>gRPC (h2c)</source>
        <translation>gRPC (h2c)</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>Calls/s</source>
        <translation>Aufrufe/s</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>● Listening on %1</source>
        <translation>● Lauscht auf %1</translation>
    </message>
    <message>
        <source>○ Stopped</source>
        <translation>○ Angehalten</translation>
    </message>
</context>
<context>
    <name>osc::ui::MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Open Spanner Console</source>
        <translation>Open Spanner Console</translation>
    </message>
    <message>
        <source>Meters</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Nutzung</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exporte</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Serving on %1</source>
        <translation>Bereit auf %1</translation>
    </message>
    <message>
        <source>The REST API is accepting requests</source>
        <translation>Die REST-API nimmt Anfragen an</translation>
    </message>
    <message>
        <source>Server stopped</source>
        <translation>Server angehalten</translation>
    </message>
    <message>
        <source>Start it on the Server page</source>
        <translation>Starten Sie ihn auf der Seite Server</translation>
    </message>
    <message>
        <source>&amp;Workspace:</source>
        <translation>&amp;Arbeitsbereich:</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>Users &amp; workspaces</source>
        <translation>Benutzer &amp; Bereiche</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Pläne</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
</context>
<context>
    <name>osc::ui::MeterEditorDialog</name>
    <message>
        <source>Adds up the quantities of the events: requests served, tokens used.</source>
        <translation>Addiert die Mengen der Ereignisse: beantwortete Anfragen, verbrauchte Tokens.</translation>
    </message>
    <message>
        <source>Counts the events and ignores their quantity: jobs run, sign-ins.</source>
        <translation>Zählt die Ereignisse und ignoriert ihre Menge: ausgeführte Jobs, Anmeldungen.</translation>
    </message>
    <message>
        <source>The average quantity of the events: response time, basket size.</source>
        <translation>Die durchschnittliche Menge der Ereignisse: Antwortzeit, Warenkorbgröße.</translation>
    </message>
    <message>
        <source>The smallest quantity among the events.</source>
        <translation>Die kleinste Menge unter den Ereignissen.</translation>
    </message>
    <message>
        <source>The largest quantity among the events: peak active users.</source>
        <translation>Die größte Menge unter den Ereignissen: Höchstzahl aktiver Nutzer.</translation>
    </message>
    <message>
        <source>The quantity of the earliest event: an opening balance.</source>
        <translation>Die Menge des frühesten Ereignisses: ein Anfangsbestand.</translation>
    </message>
    <message>
        <source>The quantity of the latest event: a gauge, like storage in use.</source>
        <translation>Die Menge des neuesten Ereignisses: ein Messwert, etwa belegter Speicher.</translation>
    </message>
    <message>
        <source>Events per second over the period (quantity ignored): throughput.</source>
        <translation>Ereignisse pro Sekunde im Zeitraum (Menge ignoriert): Durchsatz.</translation>
    </message>
    <message>
        <source>New meter</source>
        <translation>Neuer Zähler</translation>
    </message>
    <message>
        <source>Create meter</source>
        <translation>Zähler erstellen</translation>
    </message>
    <message>
        <source>Edit meter “%1”</source>
        <translation>Zähler „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>e.g. api_requests</source>
        <translation>z. B. api_requests</translation>
    </message>
    <message>
        <source>Optional: what this meter counts</source>
        <translation>Optional: was dieser Zähler zählt</translation>
    </message>
    <message>
        <source>e.g. request, token, gigabyte</source>
        <translation>z. B. request, token, gigabyte</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Events older than this are pruned; usage over pruned periods changes.</source>
        <translation>Ältere Ereignisse werden gelöscht; die Nutzung über gelöschte Zeiträume ändert sich dann.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>&amp;Einheit:</translation>
    </message>
    <message>
        <source>&amp;Aggregation:</source>
        <translation>&amp;Aggregation:</translation>
    </message>
    <message>
        <source>Keep &amp;events for:</source>
        <translation>Ereignisse &amp;aufbewahren:</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Dimensionen</translation>
    </message>
    <message>
        <source>Metadata keys events carry, to group and filter usage by. A required dimension must be on every event; a deprecated one never is.</source>
        <translation>Metadaten-Schlüssel der Ereignisse, nach denen Nutzung gruppiert und gefiltert wird. Eine Pflichtdimension muss in jedem Ereignis stehen; eine veraltete nie.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <source>Deprecated</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Shown in charts; left empty, it is made from the name (status_code → Status Code)</source>
        <translation>Wird in Diagrammen gezeigt; leer gelassen, wird er aus dem Namen gebildet (status_code → Status Code)</translation>
    </message>
    <message>
        <source>Add dimension</source>
        <translation>Dimension hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>A meter&apos;s name cannot change: events refer to it.</source>
        <translation>Der Name eines Zählers kann sich nicht ändern: Ereignisse verweisen darauf.</translation>
    </message>
    <message>
        <source>one stored event</source>
        <translation>ein gespeichertes Ereignis</translation>
    </message>
    <message>
        <source>%1 stored events</source>
        <translation>%1 gespeicherte Ereignisse</translation>
    </message>
    <message>
        <source>This meter has %1. Existing dimensions keep their name and type and cannot become required; new dimensions must be optional. Display names, deprecating and making a dimension optional are fine.</source>
        <translation>Dieser Zähler hat %1. Vorhandene Dimensionen behalten Namen und Typ und können nicht zur Pflicht werden; neue Dimensionen müssen optional sein. Anzeigenamen, Veralten und Optional-Machen sind möglich.</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>true/false</source>
        <translation>wahr/falsch</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Wird erstellt…</translation>
    </message>
</context>
<context>
    <name>osc::ui::MeterErrorText</name>
    <message>
        <source>This meter no longer exists; it was probably deleted elsewhere. Close this window and refresh the list.</source>
        <translation>Diesen Zähler gibt es nicht mehr; er wurde wohl anderswo gelöscht. Schließen Sie dieses Fenster und aktualisieren Sie die Liste.</translation>
    </message>
    <message>
        <source>Give the meter a name, e.g. api_requests.</source>
        <translation>Geben Sie dem Zähler einen Namen, z. B. api_requests.</translation>
    </message>
    <message>
        <source>A meter with this name already exists. Pick another name, or edit that meter instead.</source>
        <translation>Ein Zähler mit diesem Namen existiert bereits. Wählen Sie einen anderen Namen oder bearbeiten Sie stattdessen diesen Zähler.</translation>
    </message>
    <message>
        <source>Enter the unit one event&apos;s quantity is measured in, e.g. request, token or gigabyte.</source>
        <translation>Geben Sie die Einheit ein, in der die Menge eines Ereignisses gemessen wird, z. B. request, token oder gigabyte.</translation>
    </message>
    <message>
        <source>Choose one of the aggregations in the list.</source>
        <translation>Wählen Sie eine der Aggregationen aus der Liste.</translation>
    </message>
    <message>
        <source>Keep events between 1 and 3650 days.</source>
        <translation>Bewahren Sie Ereignisse zwischen 1 und 3650 Tagen auf.</translation>
    </message>
    <message>
        <source>Every dimension needs a name: fill in the empty row or remove it.</source>
        <translation>Jede Dimension braucht einen Namen: Füllen Sie die leere Zeile aus oder entfernen Sie sie.</translation>
    </message>
    <message>
        <source>“subject” is part of every event already, so it cannot be a dimension. Pick another name.</source>
        <translation>„subject“ gehört bereits zu jedem Ereignis und kann daher keine Dimension sein. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Dimension “%1”: use only letters, digits, _ and -, with single dots between parts (service.tier). No spaces, slashes, or dots at the start or end.</source>
        <translation>Dimension „%1“: Verwenden Sie nur Buchstaben, Ziffern, _ und -, mit einzelnen Punkten zwischen Teilen (service.tier). Keine Leerzeichen, Schrägstriche oder Punkte am Anfang oder Ende.</translation>
    </message>
    <message>
        <source>Choose text, number or true/false as the dimension&apos;s type.</source>
        <translation>Wählen Sie Text, Zahl oder wahr/falsch als Typ der Dimension.</translation>
    </message>
    <message>
        <source>Two dimensions are named “%1”; names must be unique within a meter.</source>
        <translation>Zwei Dimensionen heißen „%1“; Namen müssen innerhalb eines Zählers eindeutig sein.</translation>
    </message>
    <message>
        <source>“%1” cannot be removed or renamed: this meter already has events that use it. Mark it deprecated instead, so it is no longer required.</source>
        <translation>„%1“ kann nicht entfernt oder umbenannt werden: Dieser Zähler hat bereits Ereignisse, die sie verwenden. Markieren Sie sie stattdessen als veraltet, dann ist sie keine Pflicht mehr.</translation>
    </message>
    <message>
        <source>The type of “%1” cannot change: stored events already hold values of the old type. Add a new dimension with the new type instead.</source>
        <translation>Der Typ von „%1“ kann sich nicht ändern: Gespeicherte Ereignisse enthalten bereits Werte des alten Typs. Fügen Sie stattdessen eine neue Dimension mit dem neuen Typ hinzu.</translation>
    </message>
    <message>
        <source>“%1” cannot become required now: events already stored may not have it. Leave it optional (or deprecated).</source>
        <translation>„%1“ kann jetzt nicht zur Pflicht werden: Bereits gespeicherte Ereignisse haben sie womöglich nicht. Lassen Sie sie optional (oder veraltet).</translation>
    </message>
    <message>
        <source>New dimension “%1” must be optional: this meter already has events without it. Untick “Required”.</source>
        <translation>Die neue Dimension „%1“ muss optional sein: Dieser Zähler hat bereits Ereignisse ohne sie. Entfernen Sie das Häkchen bei „Pflicht“.</translation>
    </message>
    <message>
        <source>It still has stored events, and a meter with events cannot be deleted. Its events are removed when they are older than its retention period; then it can be deleted.</source>
        <translation>Er hat noch gespeicherte Ereignisse, und ein Zähler mit Ereignissen kann nicht gelöscht werden. Seine Ereignisse werden entfernt, sobald sie älter als seine Aufbewahrungsdauer sind; dann kann er gelöscht werden.</translation>
    </message>
</context>
<context>
    <name>osc::ui::MeterTableModel</name>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>required</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>deprecated</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Aggregation</source>
        <translation>Aggregation</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Dimensionen</translation>
    </message>
    <message>
        <source>Retention (days)</source>
        <translation>Aufbewahrung (Tage)</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Last event</source>
        <translation>Letztes Ereignis</translation>
    </message>
</context>
<context>
    <name>osc::ui::MetersPage</name>
    <message>
        <source>Filter meters…</source>
        <translation>Zähler filtern…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Reload the meters (F5)</source>
        <translation>Zähler neu laden (F5)</translation>
    </message>
    <message>
        <source>New meter…</source>
        <translation>Neuer Zähler…</translation>
    </message>
    <message>
        <source>Define a new meter</source>
        <translation>Einen neuen Zähler definieren</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Change the selected meter (or double-click it)</source>
        <translation>Den ausgewählten Zähler ändern (oder Doppelklick darauf)</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected meter; only meters without events can go</source>
        <translation>Den ausgewählten Zähler löschen; nur Zähler ohne Ereignisse lassen sich löschen</translation>
    </message>
    <message>
        <source>Create a meter…</source>
        <translation>Zähler erstellen…</translation>
    </message>
    <message>
        <source>Load demo data</source>
        <translation>Demodaten laden</translation>
    </message>
    <message>
        <source>Seven sample meters and %1 events from %2 subjects over the last %3 days</source>
        <translation>Sieben Beispielzähler und %1 Ereignisse von %2 Subjekten aus den letzten %3 Tagen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Meters</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>What this console counts: each meter aggregates usage events by subject and dimensions.</source>
        <translation>Was diese Konsole zählt: Jeder Zähler aggregiert Nutzungsereignisse nach Subjekt und Dimensionen.</translation>
    </message>
    <message>
        <source>Writing demo events… %p%</source>
        <translation>Demo-Ereignisse werden geschrieben… %p%</translation>
    </message>
    <message>
        <source>Could not load demo data: %1</source>
        <translation>Demodaten konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Demo data: %1 meters, %2 events</source>
        <translation>Demodaten: %1 Zähler, %2 Ereignisse</translation>
    </message>
    <message>
        <source>Delete “%1”? It has %2 stored events, so the engine will refuse until retention has pruned them all.</source>
        <translation>„%1“ löschen? Er hat %2 gespeicherte Ereignisse, daher lehnt die Engine ab, bis die Aufbewahrung sie alle gelöscht hat.</translation>
    </message>
    <message>
        <source>Delete “%1”? Services posting to it will get errors. This cannot be undone.</source>
        <translation>„%1“ löschen? Dienste, die an ihn senden, erhalten Fehler. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Delete meter</source>
        <translation>Zähler löschen</translation>
    </message>
    <message>
        <source>Could not delete “%1”. %2</source>
        <translation>„%1“ konnte nicht gelöscht werden. %2</translation>
    </message>
    <message>
        <source>1 meter · updated %1</source>
        <translation>1 Zähler · aktualisiert %1</translation>
    </message>
    <message>
        <source>%1 meters · updated %2</source>
        <translation>%1 Zähler · aktualisiert %2</translation>
    </message>
    <message>
        <source>Could not load meters: %1</source>
        <translation>Zähler konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Load failed</source>
        <translation>Laden fehlgeschlagen</translation>
    </message>
    <message>
        <source>Loading demo data: seven meters and %1 events…</source>
        <translation>Demodaten werden geladen: sieben Zähler und %1 Ereignisse…</translation>
    </message>
    <message>
        <source>Loading meters…</source>
        <translation>Zähler werden geladen…</translation>
    </message>
    <message>
        <source>No meters yet. A meter says what to count: create one, post it to POST /v1/meters, or load demo data to look around first.</source>
        <translation>Noch keine Zähler. Ein Zähler legt fest, was gezählt wird: Erstellen Sie einen, senden Sie ihn an POST /v1/meters, oder laden Sie Demodaten, um sich erst einmal umzusehen.</translation>
    </message>
</context>
<context>
    <name>osc::ui::NewExportDialog</name>
    <message>
        <source>New export</source>
        <translation>Neuer Export</translation>
    </message>
    <message>
        <source>The export runs as a background job; follow it on the Exports page and save the file when it completes.</source>
        <translation>Der Export läuft als Hintergrundauftrag; verfolgen Sie ihn auf der Seite Exporte und speichern Sie die Datei, sobald er fertig ist.</translation>
    </message>
    <message>
        <source>Usage buckets (totals per bucket)</source>
        <translation>Nutzungsintervalle (Summen je Intervall)</translation>
    </message>
    <message>
        <source>Usage events (one row per event)</source>
        <translation>Nutzungsereignisse (eine Zeile je Ereignis)</translation>
    </message>
    <message>
        <source>CSV (spreadsheets)</source>
        <translation>CSV (Tabellenkalkulation)</translation>
    </message>
    <message>
        <source>JSON (one array)</source>
        <translation>JSON (ein Array)</translation>
    </message>
    <message>
        <source>NDJSON (one object per line)</source>
        <translation>NDJSON (ein Objekt pro Zeile)</translation>
    </message>
    <message>
        <source>Loading meters…</source>
        <translation>Zähler werden geladen…</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Buckets start at UTC boundaries.</source>
        <translation>Intervalle beginnen an UTC-Grenzen.</translation>
    </message>
    <message>
        <source>Buckets start at boundaries in %1, like the Usage page.</source>
        <translation>Intervalle beginnen an Grenzen in %1, wie auf der Seite Nutzung.</translation>
    </message>
    <message>
        <source>All subjects</source>
        <translation>Alle Subjekte</translation>
    </message>
    <message>
        <source> rows</source>
        <translation> Zeilen</translation>
    </message>
    <message>
        <source>At most this many rows are written; there is no smaller cap</source>
        <translation>Höchstens so viele Zeilen werden geschrieben; eine kleinere Obergrenze gibt es nicht</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>&amp;Meter:</source>
        <translation>&amp;Zähler:</translation>
    </message>
    <message>
        <source>&amp;Time range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>&amp;Bucket size:</source>
        <translation>&amp;Intervallgröße:</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>&amp;Gruppieren nach:</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Subjekt:</translation>
    </message>
    <message>
        <source>&amp;Limit:</source>
        <translation>&amp;Limit:</translation>
    </message>
    <message>
        <source>Filter (only matching events are exported)</source>
        <translation>Filter (nur passende Ereignisse werden exportiert)</translation>
    </message>
    <message>
        <source>Queue export</source>
        <translation>Export einreihen</translation>
    </message>
    <message>
        <source>No meters</source>
        <translation>Keine Zähler</translation>
    </message>
    <message>
        <source>Could not load the meter list: %1</source>
        <translation>Die Zählerliste konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>There is no meter to export yet: create one or load demo data first.</source>
        <translation>Es gibt noch keinen Zähler zum Exportieren: legen Sie zuerst einen an oder laden Sie Demodaten.</translation>
    </message>
    <message>
        <source>The Usage page&apos;s filter could not be used: %1</source>
        <translation>Der Filter der Seite Nutzung konnte nicht übernommen werden: %1</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subjekt</translation>
    </message>
    <message>
        <source>Pick a meter to export.</source>
        <translation>Wählen Sie einen Zähler zum Exportieren.</translation>
    </message>
    <message>
        <source>The range is empty: “from” must be before “to”.</source>
        <translation>Der Zeitraum ist leer: „von“ muss vor „bis“ liegen.</translation>
    </message>
    <message>
        <source>Fix the filter first: %1</source>
        <translation>Beheben Sie zuerst den Filter: %1</translation>
    </message>
    <message>
        <source>The export cannot be queued: %1</source>
        <translation>Der Export kann nicht eingereiht werden: %1</translation>
    </message>
</context>
<context>
    <name>osc::ui::PlanEditorDialog</name>
    <message>
        <source>e.g. Starter</source>
        <translation>z. B. Starter</translation>
    </message>
    <message>
        <source>Optional; shown as the plan&apos;s tooltip</source>
        <translation>Optional; erscheint als Tooltip des Plans</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Warning at</source>
        <translation>Warnung bei</translation>
    </message>
    <message>
        <source>Add limit</source>
        <translation>Limit hinzufügen</translation>
    </message>
    <message>
        <source>Remove limit</source>
        <translation>Limit entfernen</translation>
    </message>
    <message>
        <source>Saving creates version %1; subjects on this plan move to it and keep their billing periods. You see the effect on each of them before anything is saved.</source>
        <translation>Speichern erzeugt Version %1; die Subjekte dieses Plans wechseln dorthin und behalten ihre Abrechnungszeiträume. Vor dem Speichern sehen Sie die Auswirkung auf jedes von ihnen.</translation>
    </message>
    <message>
        <source>A limit counts a meter&apos;s usage per period (from the day a subject is assigned) and warns at the given percent.</source>
        <translation>Ein Limit zählt die Nutzung eines Zählers je Zeitraum (ab dem Tag der Zuweisung eines Subjekts) und warnt beim angegebenen Prozentsatz.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Review and save…</source>
        <translation>Prüfen und speichern…</translation>
    </message>
    <message>
        <source>Create plan</source>
        <translation>Plan anlegen</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>Edit plan “%1”</source>
        <translation>Plan „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>Neuer Plan</translation>
    </message>
    <message>
        <source>This workspace has no meters yet. Define one on the Meters page first: a limit counts a meter&apos;s usage.</source>
        <translation>Dieser Arbeitsbereich hat noch keine Zähler. Legen Sie zuerst auf der Seite Zähler einen an: Ein Limit zählt die Nutzung eines Zählers.</translation>
    </message>
</context>
<context>
    <name>osc::ui::PlanPreviewDialog</name>
    <message>
        <source>Confirm plan change</source>
        <translation>Planänderung bestätigen</translation>
    </message>
    <message>
        <source>This change affects 1 subject.</source>
        <translation>Diese Änderung betrifft 1 Subjekt.</translation>
    </message>
    <message>
        <source>This change affects %1 subjects.</source>
        <translation>Diese Änderung betrifft %1 Subjekte.</translation>
    </message>
    <message>
        <source>Saving creates version %1 of “%2” and moves every assignment to it; billing periods carry over. After the change: %3 ok, %4 warning, %5 exceeded.</source>
        <translation>Speichern erzeugt Version %1 von „%2“ und verschiebt jede Zuweisung dorthin; die Abrechnungszeiträume bleiben. Nach der Änderung: %3 ok, %4 Warnung, %5 überschritten.</translation>
    </message>
    <message numerus="yes">
        <source>%n limit(s) removed.</source>
        <translation>
            <numerusform>%n Limit entfernt.</numerusform>
            <numerusform>%n Limits entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subjekt</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Verbraucht</translation>
    </message>
    <message>
        <source>Limit before → after</source>
        <translation>Limit vorher → nachher</translation>
    </message>
    <message>
        <source>State before → after</source>
        <translation>Zustand vorher → nachher</translation>
    </message>
    <message>
        <source>%1 per %2</source>
        <translation>%1 pro %2</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>not in plan</source>
        <translation>nicht im Plan</translation>
    </message>
    <message>
        <source>Save version %1</source>
        <translation>Version %1 speichern</translation>
    </message>
</context>
<context>
    <name>osc::ui::PlanTableModel</name>
    <message>
        <source>v%1</source>
        <translation>v%1</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>Subjekte</translation>
    </message>
</context>
<context>
    <name>osc::ui::PlansPage</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Could not load plans: %1</source>
        <translation>Pläne konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Load failed</source>
        <translation>Laden fehlgeschlagen</translation>
    </message>
    <message>
        <source>1 plan · updated %1</source>
        <translation>1 Plan · aktualisiert %1</translation>
    </message>
    <message>
        <source>%1 plans · updated %2</source>
        <translation>%1 Pläne · aktualisiert %2</translation>
    </message>
    <message>
        <source>Select an assignment, or assign a subject, to see its quota progress.</source>
        <translation>Wählen Sie eine Zuweisung oder weisen Sie ein Subjekt zu, um seinen Kontingentverbrauch zu sehen.</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>Limits of “%1”</source>
        <translation>Limits von „%1“</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Could not load the versions: %1</source>
        <translation>Die Versionen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <source>v%1 · %2 · %3</source>
        <translation>v%1 · %2 · %3</translation>
    </message>
    <message>
        <source>(current)</source>
        <translation>(aktuell)</translation>
    </message>
    <message>
        <source>Delete plan</source>
        <translation>Plan löschen</translation>
    </message>
    <message>
        <source>Delete “%1” with all its versions? Plans that ever had a subject assigned are kept.</source>
        <translation>„%1“ mit allen Versionen löschen? Pläne, denen je ein Subjekt zugewiesen war, bleiben erhalten.</translation>
    </message>
    <message>
        <source>Could not delete “%1”. %2</source>
        <translation>„%1“ konnte nicht gelöscht werden. %2</translation>
    </message>
    <message>
        <source>Could not assign “%1”. %2</source>
        <translation>„%1“ konnte nicht zugewiesen werden. %2</translation>
    </message>
    <message>
        <source>Could not unassign “%1”. %2</source>
        <translation>Die Zuweisung von „%1“ konnte nicht beendet werden. %2</translation>
    </message>
    <message>
        <source>No plan is in effect for %1 now.</source>
        <translation>Für %1 gilt derzeit kein Plan.</translation>
    </message>
    <message>
        <source>Could not load the progress of %1: %2</source>
        <translation>Der Verbrauch von %1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Pläne</translation>
    </message>
    <message>
        <source>Quotas per subject: a plan&apos;s limits count a meter&apos;s usage per period, warn at a percent and report when a subject exceeds them.</source>
        <translation>Kontingente je Subjekt: Die Limits eines Plans zählen die Nutzung eines Zählers je Zeitraum, warnen ab einem Prozentsatz und melden, wenn ein Subjekt sie überschreitet.</translation>
    </message>
    <message>
        <source>New plan…</source>
        <translation>Neuer Plan…</translation>
    </message>
    <message>
        <source>Define a plan with its limits</source>
        <translation>Einen Plan mit seinen Limits anlegen</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Change the selected plan: saves a new version after showing its effect</source>
        <translation>Den gewählten Plan ändern: speichert eine neue Version, nachdem die Auswirkung gezeigt wurde</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected plan; refused once it has had assignments</source>
        <translation>Den gewählten Plan löschen; abgelehnt, sobald er Zuweisungen hatte</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Reload plans, assignments and events (F5)</source>
        <translation>Pläne, Zuweisungen und Ereignisse neu laden (F5)</translation>
    </message>
    <message>
        <source>No plans yet. “New plan…” defines one: pick a meter, a period and how much is included.</source>
        <translation>Noch keine Pläne. „Neuer Plan…“ legt einen an: Zähler, Zeitraum und enthaltene Menge wählen.</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Warning at</source>
        <translation>Warnung bei</translation>
    </message>
    <message>
        <source>Version history</source>
        <translation>Versionsverlauf</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Subjekt:</translation>
    </message>
    <message>
        <source>e.g. customer-1</source>
        <translation>z. B. kunde-1</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Geplant ab</translation>
    </message>
    <message>
        <source>Schedule the assignment for a later time instead of now</source>
        <translation>Die Zuweisung für einen späteren Zeitpunkt planen statt sofort</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Zuweisen</translation>
    </message>
    <message>
        <source>Assign the subject to the selected plan</source>
        <translation>Das Subjekt dem gewählten Plan zuweisen</translation>
    </message>
    <message>
        <source>Unassign</source>
        <translation>Zuweisung beenden</translation>
    </message>
    <message>
        <source>End the subject&apos;s active and scheduled assignments now</source>
        <translation>Die aktiven und geplanten Zuweisungen des Subjekts jetzt beenden</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>Zuweisungen</translation>
    </message>
    <message>
        <source>Entitlement events</source>
        <translation>Kontingent-Ereignisse</translation>
    </message>
    <message>
        <source>Quota progress</source>
        <translation>Kontingentverbrauch</translation>
    </message>
    <message>
        <source>Show ended</source>
        <translation>Beendete zeigen</translation>
    </message>
    <message>
        <source>Also list assignments that have ended (plan edits end one per subject)</source>
        <translation>Auch beendete Zuweisungen auflisten (jede Planänderung beendet eine je Subjekt)</translation>
    </message>
</context>
<context>
    <name>osc::ui::QuotaProgressView</name>
    <message>
        <source>%1 on %2 (v%3)</source>
        <translation>%1 auf %2 (v%3)</translation>
    </message>
    <message>
        <source>%1 per %2 — %3</source>
        <translation>%1 pro %2 — %3</translation>
    </message>
    <message>
        <source>This plan has no limits.</source>
        <translation>Dieser Plan hat keine Limits.</translation>
    </message>
    <message>
        <source>The line marks the warning at %1&#xa0;%</source>
        <translation>Die Linie markiert die Warnung bei %1&#xa0;%</translation>
    </message>
    <message>
        <source>%1 of %2%3 · %4&#xa0;% · warning at %5&#xa0;% · resets %6</source>
        <translation>%1 von %2%3 · %4&#xa0;% · Warnung bei %5&#xa0;% · neuer Zeitraum ab %6</translation>
    </message>
</context>
<context>
    <name>osc::ui::QuotaText</name>
    <message>
        <source>day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>exceeded</source>
        <translation>überschritten</translation>
    </message>
    <message>
        <source>no plan</source>
        <translation>kein Plan</translation>
    </message>
    <message>
        <source>not in plan</source>
        <translation>nicht im Plan</translation>
    </message>
    <message>
        <source>Give the plan a name, e.g. Starter or Pro.</source>
        <translation>Geben Sie dem Plan einen Namen, z. B. Starter oder Pro.</translation>
    </message>
    <message>
        <source>Keep the name to %1 characters or fewer.</source>
        <translation>Der Name darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Add at least one limit: a meter, a period and how much is included.</source>
        <translation>Fügen Sie mindestens ein Limit hinzu: Zähler, Zeitraum und enthaltene Menge.</translation>
    </message>
    <message>
        <source>Every limit needs a meter; choose one or remove the row.</source>
        <translation>Jedes Limit braucht einen Zähler; wählen Sie einen oder entfernen Sie die Zeile.</translation>
    </message>
    <message>
        <source>There is no meter “%1” in this workspace (any more). Choose another.</source>
        <translation>Einen Zähler „%1“ gibt es in diesem Arbeitsbereich nicht (mehr). Wählen Sie einen anderen.</translation>
    </message>
    <message>
        <source>Every limit must be greater than zero.</source>
        <translation>Jedes Limit muss größer als null sein.</translation>
    </message>
    <message>
        <source>The warning percent must be between 1 and 100.</source>
        <translation>Die Warnschwelle muss zwischen 1 und 100 % liegen.</translation>
    </message>
    <message>
        <source>Two limits are for “%1” per %2; keep one per meter and period.</source>
        <translation>Zwei Limits gelten für „%1“ pro %2; behalten Sie eines je Zähler und Zeitraum.</translation>
    </message>
    <message>
        <source>This plan has assigned subjects, now or in the past (the API answers 409 “plan has assigned subjects”). Plans with assignment history are kept so that past periods stay explainable.</source>
        <translation>Diesem Plan sind oder waren Subjekte zugewiesen (die API antwortet mit 409 „plan has assigned subjects“). Pläne mit Zuweisungsverlauf bleiben erhalten, damit vergangene Zeiträume nachvollziehbar bleiben.</translation>
    </message>
    <message>
        <source>This plan was changed elsewhere meanwhile; refresh and edit the newest version.</source>
        <translation>Dieser Plan wurde inzwischen anderswo geändert; aktualisieren Sie und bearbeiten Sie die neueste Version.</translation>
    </message>
    <message>
        <source>This plan no longer exists; it was probably deleted elsewhere. Refresh.</source>
        <translation>Diesen Plan gibt es nicht mehr; er wurde wohl anderswo gelöscht. Aktualisieren Sie.</translation>
    </message>
</context>
<context>
    <name>osc::ui::RateLimitDialog</name>
    <message>
        <source>Rate limit of “%1”</source>
        <translation>Ratenlimit von „%1“</translation>
    </message>
    <message>
        <source>Beyond this rate the server answers 429 Too Many Requests with Retry-After, so a runaway client cannot flood the server. It applies from the key&apos;s next request.</source>
        <translation>Über dieser Rate antwortet der Server mit 429 Too Many Requests und Retry-After, damit ein außer Kontrolle geratener Client ihn nicht überfluten kann. Es gilt ab der nächsten Anfrage des Schlüssels.</translation>
    </message>
    <message>
        <source>This key no longer exists.</source>
        <translation>Diesen Schlüssel gibt es nicht mehr.</translation>
    </message>
</context>
<context>
    <name>osc::ui::RateLimitFields</name>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> pro Minute</translation>
    </message>
    <message>
        <source>Same as rate</source>
        <translation>Wie die Rate</translation>
    </message>
    <message>
        <source>Requests the key may make at once before the per-minute rate applies.</source>
        <translation>Anfragen, die der Schlüssel auf einmal stellen darf, bevor die Rate pro Minute greift.</translation>
    </message>
    <message>
        <source>Burst:</source>
        <translation>Burst:</translation>
    </message>
</context>
<context>
    <name>osc::ui::RequestLogModel</name>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>osc::ui::ServerPage</name>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>IP address to listen on; 127.0.0.1 keeps the API local to this machine</source>
        <translation>IP-Adresse, auf der gelauscht wird; 127.0.0.1 hält die API lokal auf diesem Rechner</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Listener</source>
        <translation>Empfang</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>Lauschen auf:</translation>
    </message>
    <message>
        <source>Requests served:</source>
        <translation>Beantwortete Anfragen:</translation>
    </message>
    <message>
        <source>Try it:</source>
        <translation>Ausprobieren:</translation>
    </message>
    <message>
        <source>Traffic, last 60 seconds</source>
        <translation>Verkehr, letzte 60 Sekunden</translation>
    </message>
    <message>
        <source>Requests/s:</source>
        <translation>Anfragen/s:</translation>
    </message>
    <message>
        <source>Events stored/s:</source>
        <translation>Gespeicherte Ereignisse/s:</translation>
    </message>
    <message>
        <source>Pre-aggregated usage is updated in the background. Queries stay exact meanwhile: they read the newest events directly.</source>
        <translation>Die voraggregierte Nutzung wird im Hintergrund aktualisiert. Abfragen bleiben dabei exakt: Sie lesen die neuesten Ereignisse direkt.</translation>
    </message>
    <message>
        <source>Rollups:</source>
        <translation>Voraggregation:</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>1 event waiting to be folded in (for %1 s)</source>
        <translation>1 Ereignis wartet auf Einrechnung (seit %1 s)</translation>
    </message>
    <message>
        <source>%1 events waiting to be folded in (oldest for %2 s)</source>
        <translation>%1 Ereignisse warten auf Einrechnung (ältestes seit %2 s)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Recent requests (last %1)</source>
        <translation>Letzte Anfragen (die letzten %1)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>The REST and gRPC APIs that backend services and Open Spanner SDKs post usage to.</source>
        <translation>Die REST- und gRPC-APIs, an die Backend-Dienste und Open-Spanner-SDKs Nutzung senden.</translation>
    </message>
    <message>
        <source>“%1” is not an IP address. Use e.g. 127.0.0.1, 0.0.0.0 or ::1.</source>
        <translation>„%1“ ist keine IP-Adresse. Verwenden Sie z. B. 127.0.0.1, 0.0.0.0 oder ::1.</translation>
    </message>
    <message>
        <source>Could not start the server: %1</source>
        <translation>Der Server konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>● Listening on %1</source>
        <translation>● Lauscht auf %1</translation>
    </message>
    <message>
        <source>○ Stopped</source>
        <translation>○ Angehalten</translation>
    </message>
</context>
<context>
    <name>osc::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Preferences of this console, stored for your user account. Changes apply at once.</source>
        <translation>Einstellungen dieser Konsole, gespeichert für Ihr Benutzerkonto. Änderungen gelten sofort.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>REST server</source>
        <translation>REST-Server</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Datenordner:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>Listen address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Farbschema:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Show the data folder in the file manager</source>
        <translation>Den Datenordner im Dateimanager zeigen</translation>
    </message>
    <message>
        <source>Used the next time the server starts: after Stop and Start on the Server page, or when the console is launched again. The --listen flag and OPEN_SPANNER_HTTP_ADDR take precedence. Empty means 127.0.0.1:18081; “:18081” listens on every interface.</source>
        <translation>Gilt beim nächsten Start des Servers: nach Anhalten und Starten auf der Seite Server oder beim nächsten Start der Konsole. Die Option --listen und OPEN_SPANNER_HTTP_ADDR haben Vorrang. Leer bedeutet 127.0.0.1:18081; „:18081“ lauscht auf allen Schnittstellen.</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>The sidebar, page titles and this page switch at once; buttons, tables and messages of the other pages switch the next time the console starts.</source>
        <translation>Seitenleiste, Seitentitel und diese Seite wechseln sofort; Schaltflächen, Tabellen und Meldungen der anderen Seiten wechseln beim nächsten Start der Konsole.</translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>Use host:port, for example 127.0.0.1:18081, [::1]:18081 or :18081.</source>
        <translation>Verwenden Sie Host:Port, zum Beispiel 127.0.0.1:18081, [::1]:18081 oder :18081.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Show a desktop notification when an alert rule triggers or resolves</source>
        <translation>Eine Desktop-Benachrichtigung zeigen, wenn eine Alarmregel auslöst oder sich aufhebt</translation>
    </message>
    <message>
        <source>From the tray icon, while the console runs. Webhooks are sent either way; without a system tray nothing is shown.</source>
        <translation>Über das Symbol im Infobereich, solange die Konsole läuft. Webhooks werden in jedem Fall gesendet; ohne Infobereich wird nichts angezeigt.</translation>
    </message>
</context>
<context>
    <name>osc::ui::SubjectListModel</name>
    <message>
        <source>Double-click to show this subject&apos;s events</source>
        <translation>Doppelklick zeigt die Ereignisse dieses Subjekts</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subjekt</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Meters</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Last event</source>
        <translation>Letztes Ereignis</translation>
    </message>
</context>
<context>
    <name>osc::ui::UsageBucketModel</name>
    <message>
        <source>Bucket start</source>
        <translation>Intervallbeginn</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
</context>
<context>
    <name>osc::ui::UsagePage</name>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>All subjects</source>
        <translation>Alle Subjekte</translation>
    </message>
    <message>
        <source>Only this subject&apos;s usage; press Enter to apply</source>
        <translation>Nur die Nutzung dieses Subjekts; Eingabetaste zum Übernehmen</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Show the filter builder: count only events matching conditions</source>
        <translation>Filter-Editor zeigen: nur Ereignisse zählen, die Bedingungen erfüllen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Reload meters and usage (F5)</source>
        <translation>Zähler und Nutzung neu laden (F5)</translation>
    </message>
    <message>
        <source>&amp;Meter:</source>
        <translation>&amp;Zähler:</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>Zeit&amp;raum:</translation>
    </message>
    <message>
        <source>&amp;Bucket:</source>
        <translation>&amp;Intervall:</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>&amp;Gruppierung:</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Subjekt:</translation>
    </message>
    <message>
        <source>The last bucket is still in progress (dashed line).</source>
        <translation>Das letzte Intervall läuft noch (gestrichelte Linie).</translation>
    </message>
    <message>
        <source>Showing the first %1 rows; pick a larger bucket or a shorter range to see all.</source>
        <translation>Die ersten %1 Zeilen werden gezeigt; wählen Sie ein größeres Intervall oder einen kürzeren Zeitraum, um alle zu sehen.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Loading meters…</source>
        <translation>Zähler werden geladen…</translation>
    </message>
    <message>
        <source>Filter (on)</source>
        <translation>Filter (an)</translation>
    </message>
    <message>
        <source>Could not load the meter list: %1</source>
        <translation>Die Zählerliste konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Create a meter or load demo data to see usage.</source>
        <translation>Erstellen Sie einen Zähler oder laden Sie Demodaten, um Nutzung zu sehen.</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subjekt</translation>
    </message>
    <message>
        <source>Aggregation: %1 per bucket (%2)</source>
        <translation>Aggregation: %1 je Intervall (%2)</translation>
    </message>
    <message>
        <source>Total of the first %1 rows: %2 %3</source>
        <translation>Summe der ersten %1 Zeilen: %2 %3</translation>
    </message>
    <message>
        <source>Total: %1 %2</source>
        <translation>Summe: %1 %2</translation>
    </message>
    <message>
        <source>Last updated %1</source>
        <translation>Zuletzt aktualisiert %1</translation>
    </message>
    <message>
        <source>Could not load usage of “%1”: %2. Check the meter still exists and try Refresh.</source>
        <translation>Die Nutzung von „%1“ konnte nicht geladen werden: %2. Prüfen Sie, ob der Zähler noch existiert, und versuchen Sie Aktualisieren.</translation>
    </message>
    <message>
        <source>Could not load usage of “%1”: %2.</source>
        <translation>Die Nutzung von „%1“ konnte nicht geladen werden: %2.</translation>
    </message>
    <message>
        <source>No usage to show.</source>
        <translation>Keine Nutzung zum Anzeigen.</translation>
    </message>
    <message>
        <source>Update failed at %1</source>
        <translation>Aktualisierung um %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1
%2: %3</source>
        <translation>%1
%2: %3</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Läuft noch</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Nutzung</translation>
    </message>
    <message>
        <source>How much each meter counted over time, grouped by subject or a dimension.</source>
        <translation>Wie viel jeder Zähler über die Zeit gezählt hat, gruppiert nach Subjekt oder einer Dimension.</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Export this view (meter, range, buckets, grouping, subject, filter) as a background job, without the %1-row limit of the table</source>
        <translation>Diese Ansicht (Zähler, Zeitraum, Intervalle, Gruppierung, Subjekt, Filter) als Hintergrundauftrag exportieren, ohne die Grenze von %1 Zeilen der Tabelle</translation>
    </message>
</context>
<context>
    <name>osc::ui::UsageRange</name>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Letzter Monat</translation>
    </message>
</context>
<context>
    <name>osc::ui::UsageSeries</name>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>(no key)</source>
        <translation>(ohne Schlüssel)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Andere</translation>
    </message>
</context>
<context>
    <name>osc::ui::UserPasswordDialog</name>
    <message>
        <source>Add user</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>Set a new password for %1. Everywhere they are signed in, they are signed out and must log in with the new password.</source>
        <translation>Neues Passwort für %1 setzen. Überall, wo dieser Benutzer angemeldet ist, wird er abgemeldet und muss sich mit dem neuen Passwort anmelden.</translation>
    </message>
    <message>
        <source>The user can log in to the REST API&apos;s dashboard routes and gets a workspace of their own. Adding users here works even while registration is closed.</source>
        <translation>Der Benutzer kann sich an den Dashboard-Routen der REST-API anmelden und erhält einen eigenen Arbeitsbereich. Hier anlegen geht auch bei geschlossener Registrierung.</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>mindestens 8 Zeichen</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Neues Passwort:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>Passwort wiederholen:</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>osc::ui::UserTableModel</name>
    <message>
        <source>owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Workspace id: %1</source>
        <translation>Arbeitsbereich-ID: %1</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
</context>
<context>
    <name>osc::ui::WebhookSecretDialog</name>
    <message>
        <source>New signing secret</source>
        <translation>Neuer Signaturschlüssel</translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation>Signaturschlüssel</translation>
    </message>
    <message>
        <source>The signing secret of “%1” was replaced. Webhooks are signed with this one from now on:</source>
        <translation>Der Signaturschlüssel von „%1“ wurde ersetzt. Webhooks werden ab jetzt hiermit signiert:</translation>
    </message>
    <message>
        <source>“%1” signs every webhook with this secret:</source>
        <translation>„%1“ signiert jeden Webhook mit diesem Schlüssel:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy it now: it will not be shown again (Rotate secret makes a new one).</source>
        <translation>Kopieren Sie ihn jetzt: Er wird nicht wieder angezeigt („Schlüssel erneuern“ erzeugt einen neuen).</translation>
    </message>
    <message>
        <source>A receiver checks X-Open-Spanner-Signature: “v1=” followed by the hex HMAC-SHA256 of “&lt;X-Open-Spanner-Timestamp&gt;.&lt;body&gt;” under this secret.</source>
        <translation>Ein Empfänger prüft X-Open-Spanner-Signature: „v1=“, gefolgt vom hexadezimalen HMAC-SHA256 von „&lt;X-Open-Spanner-Timestamp&gt;.&lt;body&gt;“ mit diesem Schlüssel.</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
</context>
<context>
    <name>osc::ui::WorkspaceContext</name>
    <message>
        <source>Default workspace</source>
        <translation>Standard-Arbeitsbereich</translation>
    </message>
</context>
<context>
    <name>osc::ui::WorkspaceSwitcher</name>
    <message>
        <source>The workspace every page shows and changes</source>
        <translation>Der Arbeitsbereich, den jede Seite zeigt und ändert</translation>
    </message>
    <message>
        <source>Default workspace</source>
        <translation>Standard-Arbeitsbereich</translation>
    </message>
    <message>
        <source>Could not load the workspaces: %1</source>
        <translation>Die Arbeitsbereiche konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Workspace id: %1</source>
        <translation>Arbeitsbereich-ID: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
<context>
    <name>osc::ui::OverviewPage</name>
    <message>
        <source>%1 queued</source>
        <translation>%1 in der Warteschlange</translation>
    </message>
    <message>
        <source>Busiest meters this month</source>
        <translation>Meistgenutzte Zähler diesen Monat</translation>
    </message>
    <message>
        <source>Busiest subjects this month</source>
        <translation>Aktivste Subjekte diesen Monat</translation>
    </message>
    <message>
        <source>Events stored per second</source>
        <translation>Gespeicherte Ereignisse pro Sekunde</translation>
    </message>
    <message>
        <source>Events this month</source>
        <translation>Ereignisse diesen Monat</translation>
    </message>
    <message>
        <source>Events today</source>
        <translation>Ereignisse heute</translation>
    </message>
    <message>
        <source>Export jobs running</source>
        <translation>Laufende Exportaufträge</translation>
    </message>
    <message>
        <source>Ingestion errors, last hour</source>
        <translation>Erfassungsfehler, letzte Stunde</translation>
    </message>
    <message>
        <source>No meters yet. Define what you measure on the Meters page, or load demo data there to see this page at work.</source>
        <translation>Noch keine Zähler. Legen Sie auf der Seite „Zähler“ fest, was Sie messen, oder laden Sie dort Demodaten, um diese Seite in Aktion zu sehen.</translation>
    </message>
    <message>
        <source>No usage this month</source>
        <translation>Diesen Monat keine Nutzung</translation>
    </message>
    <message>
        <source>Open Meters</source>
        <translation>Zähler öffnen</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>REST server</source>
        <translation>REST-Server</translation>
    </message>
    <message>
        <source>Serving</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Start it on the Server page</source>
        <translation>Auf der Seite „Server“ starten</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>The overview could not be read: %1</source>
        <translation>Die Übersicht konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Wird aktualisiert …</translation>
    </message>
    <message>
        <source>What is happening now: usage today and this month, the busiest meters and subjects, ingestion errors and the server. Days start at midnight in %1.</source>
        <translation>Was gerade geschieht: Nutzung heute und diesen Monat, die meistgenutzten Zähler und Subjekte, Erfassungsfehler und der Server. Tage beginnen um Mitternacht in %1.</translation>
    </message>
    <message>
        <source>by status code:</source>
        <translation>nach Statuscode:</translation>
    </message>
    <message>
        <source>every ingestion request succeeded</source>
        <translation>jede Erfassungsanfrage war erfolgreich</translation>
    </message>
    <message>
        <source>last month by this day</source>
        <translation>letzten Monat bis zu diesem Tag</translation>
    </message>
    <message>
        <source>measured from the next update on</source>
        <translation>gemessen ab der nächsten Aktualisierung</translation>
    </message>
    <message>
        <source>none %1 either</source>
        <translation>auch %1 keine</translation>
    </message>
    <message>
        <source>none %1</source>
        <translation>%1 keine</translation>
    </message>
    <message>
        <source>none waiting</source>
        <translation>keine wartend</translation>
    </message>
    <message>
        <source>over the last %1 seconds</source>
        <translation>über die letzten %1 Sekunden</translation>
    </message>
    <message>
        <source>the same as %1</source>
        <translation>genauso viele wie %1</translation>
    </message>
    <message>
        <source>yesterday by this time</source>
        <translation>gestern bis zu dieser Uhrzeit</translation>
    </message>
    <message>
        <source>▲ %1% against %2 (%3)</source>
        <translation>▲ %1 % gegenüber %2 (%3)</translation>
    </message>
    <message>
        <source>▼ %1% against %2 (%3)</source>
        <translation>▼ %1 % gegenüber %2 (%3)</translation>
    </message>
</context>
</TS>
