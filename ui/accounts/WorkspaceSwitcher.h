#pragma once

#include <QComboBox>

namespace osc {
class Engine;
struct Workspace;
} // namespace osc

namespace osc::ui {

class AsyncRunner;
class WorkspaceContext;

// The window header's workspace combo: every workspace of this instance, the default one first.
// Choosing one moves the WorkspaceContext (and with it every page); a context change made elsewhere
// moves the combo. When the remembered workspace no longer exists, it falls back to the default.
class WorkspaceSwitcher : public QComboBox
{
    Q_OBJECT

public:
    WorkspaceSwitcher(osc::Engine &engine, WorkspaceContext &workspace, QWidget *parent = nullptr);

    bool isLoading() const;
    QString loadError() const { return m_loadError; }

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    // After each load that reached the combo (successful or not).
    void reloaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyWorkspaces(const QList<osc::Workspace> &workspaces);
    void selectCurrent();

    osc::Engine &m_engine;
    WorkspaceContext &m_workspace;
    AsyncRunner *m_loader = nullptr;
    QString m_loadError;
};

} // namespace osc::ui
