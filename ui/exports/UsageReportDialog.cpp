#include "ui/exports/UsageReportDialog.h"

#include "Engine.h"
#include "reports/UsageReports.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QTimeZone>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

struct Saved
{
    QString jobId;
    qint64 records = 0;
};

// Runs on the worker thread: the report built by the engine, written to `path`.
Result<Saved> buildAndWrite(Engine &engine, const Principal &principal, const QString &dataType,
    const QByteArray &body, bool csv, const QString &path)
{
    auto request = reports::parseUsageReportRequest(dataType, body);
    if (!request)
        return request.error();
    QByteArray bytes;
    Saved saved;
    if (csv) {
        auto stored = engine.usageReports().store(principal, request.value());
        if (!stored)
            return stored.error();
        bytes = reports::usageReportCsv(stored->report);
        saved = {stored->job.id, stored->report.rows.size()};
    } else {
        auto report = engine.usageReports().build(principal, request.value());
        if (!report)
            return report.error();
        bytes = reports::usageReportJson(report.value()) + '\n';
        saved.records = report->rows.size();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::internal(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return saved;
}

} // namespace

UsageReportDialog::UsageReportDialog(Engine &engine, const Principal &principal, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_principal(principal)
{
    setWindowTitle(tr("Export usage report"));
    setObjectName(QStringLiteral("usageReportDialog"));
    m_runner = new AsyncRunner(this);

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("reportTypeCombo"));
    m_type->addItem(tr("Users (subjects)"), QStringLiteral("users"));
    m_type->addItem(tr("API keys"), QStringLiteral("api-keys"));
    m_type->addItem(tr("Models"), QStringLiteral("models"));
    m_type->addItem(tr("Projects"), QStringLiteral("projects"));
    m_type->addItem(tr("Agents"), QStringLiteral("agents"));

    // Last month, in the local zone, as the peer's examples read.
    const QDate firstOfMonth = QDate::currentDate().addDays(1 - QDate::currentDate().day());
    m_from = new QDateTimeEdit(QDateTime(firstOfMonth.addMonths(-1), QTime(0, 0)), this);
    m_from->setObjectName(QStringLiteral("reportFromEdit"));
    m_to = new QDateTimeEdit(QDateTime(firstOfMonth.addDays(-1), QTime(23, 59, 59, 999)), this);
    m_to->setObjectName(QStringLiteral("reportToEdit"));
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    m_groupBy = new QComboBox(this);
    m_groupBy->setObjectName(QStringLiteral("reportGroupByCombo"));
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("reportFormatCombo"));
    m_format->addItem(tr("CSV (also listed on the Exports page)"), QStringLiteral("csv"));
    m_format->addItem(tr("JSON"), QStringLiteral("json"));

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reportStatus"));
    m_status->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Report:"), m_type);
    form->addRow(tr("&From:"), m_from);
    form->addRow(tr("&To:"), m_to);
    form->addRow(tr("&Group by:"), m_groupBy);
    form->addRow(tr("F&ormat:"), m_format);
    auto *zone
        = new QLabel(tr("Times are in %1.").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())), this);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = buttons->addButton(tr("Save…"), QDialogButtonBox::ActionRole);
    m_save->setObjectName(QStringLiteral("reportSaveButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(zone);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_type, &QComboBox::currentIndexChanged, this, &UsageReportDialog::fillGroupBy);
    connect(m_save, &QPushButton::clicked, this, &UsageReportDialog::chooseFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_runner, &AsyncRunner::busyChanged, m_save, [this](bool busy) { m_save->setEnabled(!busy); });
    fillGroupBy();
}

void UsageReportDialog::fillGroupBy()
{
    m_groupBy->clear();
    m_groupBy->addItem(tr("None"), QString());
    const auto type = reports::reportTypeFromName(m_type->currentData().toString());
    for (const QString &value : reports::supportedGroupBy(type.value_or(reports::ReportType::Projects)))
        m_groupBy->addItem(value, value);
}

QByteArray UsageReportDialog::requestBody() const
{
    // Local times in the system zone: the engine applies the zone, as for POST /export/{dataType}.
    const QString zone = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    const QString format = QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz");
    QJsonObject body{{QStringLiteral("from"),
                         QJsonObject{{QStringLiteral("date"), m_from->dateTime().toString(format)},
                             {QStringLiteral("timezone"), zone}}},
        {QStringLiteral("to"),
            QJsonObject{{QStringLiteral("date"), m_to->dateTime().toString(format)},
                {QStringLiteral("timezone"), zone}}}};
    if (const QString groupBy = m_groupBy->currentData().toString(); !groupBy.isEmpty())
        body.insert(QStringLiteral("group_by"), groupBy);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void UsageReportDialog::chooseFile()
{
    const bool csv = m_format->currentData().toString() == QLatin1StringView("csv");
    const QString suggested
        = QStringLiteral("%1-usage.%2").arg(m_type->currentData().toString(), csv ? "csv" : "json");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save usage report"), suggested, csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (!path.isEmpty())
        saveTo(path);
}

void UsageReportDialog::saveTo(const QString &path)
{
    Engine &engine = m_engine;
    const bool csv = m_format->currentData().toString() == QLatin1StringView("csv");
    m_status->setText(tr("Building the report…"));
    m_runner->run(
        [&engine, principal = m_principal, dataType = m_type->currentData().toString(), body = requestBody(),
            csv, path] { return buildAndWrite(engine, principal, dataType, body, csv, path); },
        [this, path](Result<Saved> result) {
            if (!result) {
                m_status->setText(tr("No report: %1").arg(ui::errorText(result.error())));
                return;
            }
            m_status->setText(result->records == 1
                    ? tr("1 record saved to %1").arg(path)
                    : tr("%1 records saved to %2").arg(result->records).arg(path));
            Q_EMIT saved(result->jobId, result->records);
        });
}

bool UsageReportDialog::isSaving() const
{
    return m_runner->isBusy();
}

QString UsageReportDialog::statusText() const
{
    return m_status->text();
}

} // namespace osc::ui
