#pragma once

#include "model/ApiKey.h"

#include <QDialog>

class QCheckBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace osc {
class Engine;
struct CreatedApiKey;
struct Error;
} // namespace osc

namespace osc::ui {

class AsyncRunner;
class InlineErrorLabel;
class RateLimitFields;

// Two steps: the form (name, scopes, allowed meters, optional expiry, rate limit), then the new secret, shown
// once with a Copy button. The engine validates; its message appears inline and the form stays editable.
class CreateApiKeyDialog : public QDialog
{
    Q_OBJECT

public:
    // The key is made in `workspaceId`, with no owning user (a console key).
    CreateApiKeyDialog(osc::Engine &engine, const QString &workspaceId, QWidget *parent = nullptr);

    // The draft the form currently describes.
    osc::ApiKeyDraft draft() const;
    // The secret of the created key; empty until creation succeeded.
    QString secret() const;
    bool isSubmitting() const;

public Q_SLOTS:
    // Validates locally what the engine cannot tell apart (no scope ticked would silently mean
    // "defaults"), then creates the key off the GUI thread.
    void submit();
    void copySecret();

Q_SIGNALS:
    void keyCreated(const osc::ApiKey &key);

private:
    QWidget *buildFormPage();
    QWidget *buildSecretPage();
    void showCreated(const osc::CreatedApiKey &created);
    void setFormEnabled(bool enabled);

    osc::Engine &m_engine;
    QString m_workspaceId;
    AsyncRunner *m_runner = nullptr;
    QWidget *m_formStep = nullptr;
    QWidget *m_secretStep = nullptr;

    QLineEdit *m_name = nullptr;
    QList<QCheckBox *> m_scopeBoxes;
    QLineEdit *m_allowedMeters = nullptr;
    QCheckBox *m_expires = nullptr;
    QDateTimeEdit *m_expiry = nullptr;
    RateLimitFields *m_rateLimit = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QDialogButtonBox *m_formButtons = nullptr;

    QLabel *m_createdTitle = nullptr;
    QLineEdit *m_secret = nullptr;
    QPushButton *m_copyButton = nullptr;
    QLabel *m_copiedNote = nullptr;
};

} // namespace osc::ui
