#pragma once

#include "auth/Principal.h"
#include "core/Result.h"
#include "model/ExportJob.h"
#include "model/Meter.h"

#include <QDialog>
#include <QJsonValue>
#include <QList>

class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;
class FilterBuilder;
class InlineErrorLabel;

// What a new export starts from: empty, or the view of the Usage page.
struct ExportPreset
{
    QString meter;
    qint64 fromNs = 0; // 0 = the last 7 days
    qint64 toNs = 0;
    QString bucketSize; // empty = day
    QString groupBy; // empty = none
    QString subject;
    QJsonValue filter = QJsonValue::Null;
    QString timeZone; // IANA zone for bucket boundaries; empty = UTC
};

// Describes one queued export: kind, format, meter, UTC time range, bucket size and group-by (buckets),
// subject, filter and row limit. accept() only closes once the request is valid; the caller queues draft().
class NewExportDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kDefaultLimit = 1'000'000;

    // Offers the meters of `owner`'s workspace.
    NewExportDialog(osc::Engine &engine, const osc::Principal &owner, const ExportPreset &preset,
        QWidget *parent = nullptr);

    // The request for ExportJobs::create, checked as the REST API checks it.
    Result<osc::ExportJobDraft> draft() const;
    // The query object as the REST API's POST /v1/exports takes it.
    QJsonObject queryJson() const;
    bool metersLoaded() const { return m_metersLoaded; }

    QComboBox *kindCombo() const { return m_kind; }
    QComboBox *formatCombo() const { return m_format; }
    QComboBox *meterCombo() const { return m_meter; }
    QDateTimeEdit *fromEdit() const { return m_from; }
    QDateTimeEdit *toEdit() const { return m_to; }
    QComboBox *bucketCombo() const { return m_bucket; }
    QComboBox *groupCombo() const { return m_group; }
    QLineEdit *subjectEdit() const { return m_subject; }
    QSpinBox *limitSpin() const { return m_limit; }
    FilterBuilder *filterBuilder() const { return m_filter; }

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void metersLoadedChanged();

private:
    void applyMeters(const QList<osc::Meter> &meters);
    void onMeterChanged();
    void updateKind();
    const osc::Meter *selectedMeter() const;

    osc::Engine &m_engine;
    osc::Principal m_owner;
    ExportPreset m_preset;
    AsyncRunner *m_loader = nullptr;
    QList<osc::Meter> m_meters;
    bool m_metersLoaded = false;
    QComboBox *m_kind = nullptr;
    QComboBox *m_format = nullptr;
    QComboBox *m_meter = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QComboBox *m_bucket = nullptr;
    QComboBox *m_group = nullptr;
    QLabel *m_bucketLabel = nullptr;
    QLabel *m_groupLabel = nullptr;
    QLabel *m_zoneNote = nullptr;
    QLineEdit *m_subject = nullptr;
    QSpinBox *m_limit = nullptr;
    FilterBuilder *m_filter = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace osc::ui
