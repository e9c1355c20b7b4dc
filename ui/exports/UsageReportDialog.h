#pragma once

#include "auth/Principal.h"

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;

// "Export usage report": the reports of POST /export/{dataType} from the window — type, a range in the
// local time zone, group by — saved as CSV (also kept as a completed export job, listed on the
// Exports page with its record count) or JSON. The engine builds the report off the GUI thread.
class UsageReportDialog : public QDialog
{
    Q_OBJECT

public:
    UsageReportDialog(Engine &engine, const Principal &principal, QWidget *parent = nullptr);

    // Builds the report and writes it to `path` (what Save… does after asking for a file).
    void saveTo(const QString &path);
    bool isSaving() const;
    QString statusText() const;

Q_SIGNALS:
    // After a report was written: its export job (CSV) or empty (JSON), and the record count.
    void saved(const QString &jobId, qint64 records);

private:
    void fillGroupBy();
    void chooseFile();
    QByteArray requestBody() const;

    Engine &m_engine;
    const Principal m_principal;
    AsyncRunner *m_runner = nullptr;
    QComboBox *m_type = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QComboBox *m_groupBy = nullptr;
    QComboBox *m_format = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace osc::ui
