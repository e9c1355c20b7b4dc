#pragma once

#include "auth/Principal.h"
#include "model/Account.h"

#include <QObject>
#include <QString>

namespace osc::ui {

// The workspace the console window is administering: the one place every page asks, so the header's
// switcher moves all of them at once. The window acts as the owner of whichever workspace is selected
// (it is the instance owner's machine: no login). Lives on the GUI thread; pages capture owner() by value
// before handing work to a worker thread, so a switch mid-load cannot mix two workspaces in one result.
class WorkspaceContext : public QObject
{
    Q_OBJECT

public:
    explicit WorkspaceContext(const QString &workspaceId, QObject *parent = nullptr);

    QString workspaceId() const { return m_workspaceId; }
    // The name to show: the default workspace's in the UI language, a user's as stored.
    static QString displayName(const osc::Workspace &workspace);

    // The console acting in the selected workspace: allowed everything there.
    osc::Principal owner() const { return osc::Principal::owner(m_workspaceId); }

public Q_SLOTS:
    // Emits workspaceChanged() when the id differs; an empty id is ignored.
    void setWorkspaceId(const QString &workspaceId);

Q_SIGNALS:
    void workspaceChanged(const QString &workspaceId);

private:
    QString m_workspaceId;
};

} // namespace osc::ui
