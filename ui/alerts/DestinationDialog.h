#pragma once

#include "auth/Principal.h"
#include "model/Alert.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;
class InlineErrorLabel;

// New or edit a webhook destination (§9.1): name, URL, enabled. The engine validates (http/https,
// length) off the GUI thread; its message shows inline. A new destination's secret is emitted with it,
// once: the page shows it in a WebhookSecretDialog.
class DestinationDialog : public QDialog
{
    Q_OBJECT

public:
    // `existing` null → a new destination.
    DestinationDialog(osc::Engine &engine, const osc::Principal &owner, const osc::AlertDestination *existing,
        QWidget *parent = nullptr);
    ~DestinationDialog() override;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *urlEdit() const { return m_url; }
    QCheckBox *enabledBox() const { return m_enabled; }
    QString errorText() const;

public Q_SLOTS:
    void submit();

Q_SIGNALS:
    // With the secret when it was created (create), without it after an edit.
    void destinationSaved(const osc::AlertDestination &destination, bool created);

private:
    osc::Engine &m_engine;
    osc::Principal m_owner;
    QString m_id;
    AsyncRunner *m_runner = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_url = nullptr;
    QCheckBox *m_enabled = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace osc::ui
