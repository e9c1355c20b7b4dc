#pragma once

#include "store/EventReads.h"

#include <QList>
#include <QString>
#include <QStringList>

// GET /v1/subjects answered straight from the raw events of a database file with a GROUP BY: the
// reference the in-memory subject totals are compared with. One line per subject, in the list's
// order: "<subject> <events> <meters> <last event ns>".
QStringList subjectLinesFromEvents(const QString &databasePath);
// The same lines for what the engine answered.
QStringList subjectLines(const QList<osc::SubjectSummary> &summaries);
