#include "ui/accounts/WorkspaceSwitcher.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/WorkspaceContext.h"

#include <QEvent>
#include <QSignalBlocker>

namespace osc::ui {

WorkspaceSwitcher::WorkspaceSwitcher(Engine &engine, WorkspaceContext &workspace, QWidget *parent)
    : QComboBox(parent)
    , m_engine(engine)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("workspaceSwitcher"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setMinimumContentsLength(16);
    setToolTip(tr("The workspace every page shows and changes"));
    m_loader = new AsyncRunner(this);

    // Until the list arrives: the workspace already in effect (a user's name is not known yet).
    const bool isDefault = m_workspace.workspaceId() == Engine::kDefaultWorkspaceId;
    addItem(isDefault ? tr("Default workspace") : tr("Loading…"), m_workspace.workspaceId());

    connect(this, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            m_workspace.setWorkspaceId(itemData(index).toString());
    });
    connect(&m_workspace, &WorkspaceContext::workspaceChanged, this, &WorkspaceSwitcher::selectCurrent);
    reload();
}

bool WorkspaceSwitcher::isLoading() const
{
    return m_loader->isBusy();
}

void WorkspaceSwitcher::reload()
{
    Engine &engine = m_engine;
    m_loader->run([&engine] { return engine.workspaces(); },
        [this](Result<QList<Workspace>> result) {
            if (result) {
                m_loadError.clear();
                applyWorkspaces(result.value());
            } else {
                // The combo keeps what it had; the pages report their own load errors.
                m_loadError = errorText(result.error());
                setToolTip(tr("Could not load the workspaces: %1").arg(m_loadError));
            }
            Q_EMIT reloaded();
        });
}

void WorkspaceSwitcher::applyWorkspaces(const QList<Workspace> &workspaces)
{
    {
        // Repopulating must not switch the pages back and forth.
        const QSignalBlocker blocker(this);
        clear();
        for (const Workspace &workspace : workspaces) {
            addItem(WorkspaceContext::displayName(workspace), workspace.id);
            setItemData(count() - 1, tr("Workspace id: %1").arg(workspace.id), Qt::ToolTipRole);
        }
    }
    if (findData(m_workspace.workspaceId()) < 0 && count() > 0)
        m_workspace.setWorkspaceId(itemData(0).toString()); // the remembered one is gone: the default
    selectCurrent();
}

void WorkspaceSwitcher::selectCurrent()
{
    const int index = findData(m_workspace.workspaceId());
    if (index < 0 || index == currentIndex())
        return;
    const QSignalBlocker blocker(this);
    setCurrentIndex(index);
}

void WorkspaceSwitcher::changeEvent(QEvent *event)
{
    QComboBox::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        setToolTip(tr("The workspace every page shows and changes"));
        const int index = findData(QString(Engine::kDefaultWorkspaceId));
        if (index >= 0)
            setItemText(index, tr("Default workspace"));
    }
}

} // namespace osc::ui
