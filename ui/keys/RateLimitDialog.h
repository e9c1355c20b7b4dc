#pragma once

#include "model/ApiKey.h"

#include <QDialog>

class QDialogButtonBox;

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;
class InlineErrorLabel;
class RateLimitFields;

// Changes an existing key's rate limit. The engine stores it and the key's next request already uses it;
// a refused value shows inline and the dialog stays open.
class RateLimitDialog : public QDialog
{
    Q_OBJECT

public:
    RateLimitDialog(osc::Engine &engine, const osc::ApiKey &key, QWidget *parent = nullptr);

    RateLimitFields *fields() const { return m_fields; }
    bool isSaving() const;

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void saved(const QString &keyId, const osc::RateLimit &limit);

private:
    osc::Engine &m_engine;
    const QString m_workspaceId;
    const QString m_keyId;
    AsyncRunner *m_runner = nullptr;
    RateLimitFields *m_fields = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace osc::ui
