#include "Ids.h"

#include <QUuid>

namespace osc {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace osc
