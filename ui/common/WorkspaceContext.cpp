#include "ui/common/WorkspaceContext.h"

#include "Engine.h"

namespace osc::ui {

WorkspaceContext::WorkspaceContext(const QString &workspaceId, QObject *parent)
    : QObject(parent)
    , m_workspaceId(workspaceId)
{ }

QString WorkspaceContext::displayName(const Workspace &workspace)
{
    if (workspace.id == Engine::kDefaultWorkspaceId)
        return tr("Default workspace");
    return workspace.name;
}

void WorkspaceContext::setWorkspaceId(const QString &workspaceId)
{
    if (workspaceId.isEmpty() || workspaceId == m_workspaceId)
        return;
    m_workspaceId = workspaceId;
    Q_EMIT workspaceChanged(m_workspaceId);
}

} // namespace osc::ui
