#include "ui/server/ServerControl.h"

namespace osc::ui {

ServerControl::ServerControl(QObject *parent)
    : QObject(parent)
{
    // requestServed crosses from the server's thread to the window through a queued connection.
    qRegisterMetaType<ServedRequest>();
}

} // namespace osc::ui
