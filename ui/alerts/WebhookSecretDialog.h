#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace osc::ui {

// A destination's signing secret, shown this once (after create or rotate) with a Copy button: the
// engine never lists it again. Also says how a receiver checks the signature.
class WebhookSecretDialog : public QDialog
{
    Q_OBJECT

public:
    WebhookSecretDialog(
        const QString &destinationName, const QString &secret, bool rotated, QWidget *parent = nullptr);

    QString secret() const;
    QLineEdit *secretEdit() const { return m_secret; }
    QPushButton *copyButton() const { return m_copy; }
    QLabel *copiedNote() const { return m_copied; }

public Q_SLOTS:
    void copySecret();

private:
    QLineEdit *m_secret = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_copied = nullptr;
};

} // namespace osc::ui
