#include "ui/meters/MeterEditorDialog.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/PageHeader.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

const QString kInvalidStyle = QStringLiteral("border: 1px solid rgba(220, 53, 69, 0.9); border-radius: 3px;");
const QColor kInvalidRow(220, 53, 69, 70);

QString aggregationExplanation(Aggregation aggregation)
{
    switch (aggregation) {
    case Aggregation::Sum:
        return MeterEditorDialog::tr("Adds up the quantities of the events: requests served, tokens used.");
    case Aggregation::Count:
        return MeterEditorDialog::tr("Counts the events and ignores their quantity: jobs run, sign-ins.");
    case Aggregation::Avg:
        return MeterEditorDialog::tr("The average quantity of the events: response time, basket size.");
    case Aggregation::Min:
        return MeterEditorDialog::tr("The smallest quantity among the events.");
    case Aggregation::Max:
        return MeterEditorDialog::tr("The largest quantity among the events: peak active users.");
    case Aggregation::First:
        return MeterEditorDialog::tr("The quantity of the earliest event: an opening balance.");
    case Aggregation::Last:
        return MeterEditorDialog::tr("The quantity of the latest event: a gauge, like storage in use.");
    case Aggregation::Rate:
        return MeterEditorDialog::tr("Events per second over the period (quantity ignored): throughput.");
    }
    return {};
}

QTableWidgetItem *checkItem(bool checked)
{
    auto *item = new QTableWidgetItem;
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

} // namespace

MeterEditorDialog::MeterEditorDialog(Engine &engine, const Principal &owner, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_owner(owner)
{
    setWindowTitle(tr("New meter"));
    build();
    m_saveButton->setText(tr("Create meter"));
}

MeterEditorDialog::MeterEditorDialog(
    Engine &engine, const Principal &owner, const Meter &meter, qint64 usageEvents, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_owner(owner)
    , m_meterId(meter.id)
    , m_usageEvents(usageEvents)
{
    setWindowTitle(tr("Edit meter \u201c%1\u201d").arg(meter.name));
    build();
    load(meter);
    m_saveButton->setText(tr("Save changes"));
}

void MeterEditorDialog::build()
{
    setObjectName(QStringLiteral("meterEditorDialog"));
    m_runner = new AsyncRunner(this);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("meterName"));
    m_name->setPlaceholderText(tr("e.g. api_requests"));
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("meterDescription"));
    m_description->setPlaceholderText(tr("Optional: what this meter counts"));
    m_unit = new QLineEdit(this);
    m_unit->setObjectName(QStringLiteral("meterUnit"));
    m_unit->setPlaceholderText(tr("e.g. request, token, gigabyte"));

    m_aggregation = new QComboBox(this);
    m_aggregation->setObjectName(QStringLiteral("meterAggregation"));
    for (Aggregation aggregation : allAggregations())
        m_aggregation->addItem(aggregationName(aggregation), int(aggregation));
    m_aggregationExplanation = new QLabel(this);
    m_aggregationExplanation->setObjectName(QStringLiteral("aggregationExplanation"));
    m_aggregationExplanation->setWordWrap(true);
    PageHeader::makeMuted(m_aggregationExplanation);
    auto *aggregationColumn = new QVBoxLayout;
    aggregationColumn->setSpacing(2);
    auto *aggregationRow = new QHBoxLayout;
    aggregationRow->addWidget(m_aggregation);
    aggregationRow->addStretch(1);
    aggregationColumn->addLayout(aggregationRow);
    aggregationColumn->addWidget(m_aggregationExplanation);

    m_retention = new QSpinBox(this);
    m_retention->setObjectName(QStringLiteral("meterRetention"));
    m_retention->setRange(1, kMaxEventRetentionDays);
    m_retention->setValue(kDefaultEventRetentionDays);
    m_retention->setSuffix(tr(" days"));
    m_retention->setToolTip(tr("Events older than this are pruned; usage over pruned periods changes."));
    auto *retentionRow = new QHBoxLayout;
    retentionRow->addWidget(m_retention);
    retentionRow->addStretch(1);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Unit:"), m_unit);
    // Rows holding a layout get no automatic buddy; without one the '&' would show literally.
    auto *aggregationLabel = new QLabel(tr("&Aggregation:"), this);
    aggregationLabel->setBuddy(m_aggregation);
    form->addRow(aggregationLabel, aggregationColumn);
    auto *retentionLabel = new QLabel(tr("Keep &events for:"), this);
    retentionLabel->setBuddy(m_retention);
    form->addRow(retentionLabel, retentionRow);

    auto *dimensionsBox = new QGroupBox(tr("Dimensions"), this);
    auto *dimensionsHint = new QLabel(tr("Metadata keys events carry, to group and filter usage by. A "
                                         "required dimension must be on every event; a deprecated one "
                                         "never is."),
        dimensionsBox);
    dimensionsHint->setWordWrap(true);
    PageHeader::makeMuted(dimensionsHint);
    m_dimensions = new QTableWidget(0, DimensionColumnCount, dimensionsBox);
    m_dimensions->setObjectName(QStringLiteral("dimensionsTable"));
    m_dimensions->setHorizontalHeaderLabels(
        {tr("Name"), tr("Type"), tr("Required"), tr("Deprecated"), tr("Display name")});
    m_dimensions->verticalHeader()->setVisible(false);
    m_dimensions->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_dimensions->setSelectionMode(QAbstractItemView::SingleSelection);
    m_dimensions->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_dimensions->horizontalHeader()->setSectionResizeMode(DimensionDisplayNameColumn, QHeaderView::Stretch);
    m_dimensions->setColumnWidth(DimensionNameColumn, 150);
    m_dimensions->setColumnWidth(DimensionTypeColumn, 110);
    m_dimensions->setColumnWidth(DimensionRequiredColumn, 80);
    m_dimensions->setColumnWidth(DimensionDeprecatedColumn, 90);
    m_dimensions->horizontalHeaderItem(DimensionDisplayNameColumn)
        ->setToolTip(tr("Shown in charts; left empty, it is made from the name (status_code → Status Code)"));
    m_dimensions->setMinimumHeight(150);
    m_addDimension = new QPushButton(tr("Add dimension"), dimensionsBox);
    m_addDimension->setObjectName(QStringLiteral("addDimensionButton"));
    m_removeDimension = new QPushButton(tr("Remove"), dimensionsBox);
    m_removeDimension->setObjectName(QStringLiteral("removeDimensionButton"));
    m_removeDimension->setEnabled(false);
    auto *dimensionButtons = new QHBoxLayout;
    dimensionButtons->addWidget(m_addDimension);
    dimensionButtons->addWidget(m_removeDimension);
    dimensionButtons->addStretch(1);
    m_usageNote = new QLabel(dimensionsBox);
    m_usageNote->setObjectName(QStringLiteral("meterUsageNote"));
    m_usageNote->setWordWrap(true);
    m_usageNote->hide();
    m_usageNote->setStyleSheet(
        QStringLiteral("QLabel { background: rgba(13, 110, 253, 0.10); "
                       "border: 1px solid rgba(13, 110, 253, 0.4); border-radius: 4px; "
                       "padding: 6px 8px; }"));
    auto *dimensionsLayout = new QVBoxLayout(dimensionsBox);
    dimensionsLayout->addWidget(dimensionsHint);
    dimensionsLayout->addWidget(m_usageNote);
    dimensionsLayout->addWidget(m_dimensions, 1);
    dimensionsLayout->addLayout(dimensionButtons);

    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("meterError"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_saveButton = m_buttons->addButton(tr("Save"), QDialogButtonBox::AcceptRole);
    m_saveButton->setObjectName(QStringLiteral("saveMeterButton"));
    m_saveButton->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(dimensionsBox, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &MeterEditorDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_aggregation, &QComboBox::currentIndexChanged, this,
        &MeterEditorDialog::updateAggregationExplanation);
    connect(m_addDimension, &QPushButton::clicked, this, [this] {
        Dimension fresh;
        fresh.required = false; // optional is the change that is always allowed, also with usage
        const int row = addDimension(fresh);
        m_dimensions->setCurrentCell(row, DimensionNameColumn);
        m_dimensions->editItem(m_dimensions->item(row, DimensionNameColumn));
    });
    connect(m_removeDimension, &QPushButton::clicked, this, [this] {
        const int row = m_dimensions->currentRow();
        if (row >= 0)
            removeDimension(row);
    });
    connect(m_dimensions, &QTableWidget::itemSelectionChanged, this,
        [this] { m_removeDimension->setEnabled(m_dimensions->currentRow() >= 0); });
    // Editing a highlighted field takes its highlight away: the user is fixing it.
    for (QLineEdit *edit : {m_name, m_unit})
        connect(edit, &QLineEdit::textEdited, this, [this, edit] { setHighlighted(edit, false); });

    updateAggregationExplanation();
    resize(680, 620);
}

void MeterEditorDialog::load(const Meter &meter)
{
    m_name->setText(meter.name);
    m_name->setReadOnly(true);
    m_name->setToolTip(tr("A meter's name cannot change: events refer to it."));
    m_description->setText(meter.description);
    m_unit->setText(meter.unit);
    m_aggregation->setCurrentIndex(m_aggregation->findData(int(meter.aggregation)));
    m_retention->setValue(meter.eventRetentionDays);
    for (const Dimension &dimension : meter.dimensions)
        addDimension(dimension);
    if (m_usageEvents > 0) {
        const QString events = m_usageEvents == 1
            ? tr("one stored event")
            : tr("%1 stored events").arg(QLocale().toString(m_usageEvents));
        m_usageNote->setText(tr("This meter has %1. Existing dimensions keep their name and type and cannot "
                                "become required; new dimensions must be optional. Display names, "
                                "deprecating and making a dimension optional are fine.")
                                 .arg(events));
        m_usageNote->show();
    }
}

int MeterEditorDialog::addDimension(const Dimension &dimension)
{
    const int row = m_dimensions->rowCount();
    m_dimensions->insertRow(row);
    auto *name = new QTableWidgetItem(dimension.name);
    // The description has no column; carry it so an edit does not erase it.
    name->setData(Qt::UserRole, dimension.description);
    m_dimensions->setItem(row, DimensionNameColumn, name);
    auto *type = new QComboBox(m_dimensions);
    type->addItem(tr("text"), dimensionTypeName(DimensionType::String));
    type->addItem(tr("number"), dimensionTypeName(DimensionType::Number));
    type->addItem(tr("true/false"), dimensionTypeName(DimensionType::Boolean));
    type->setCurrentIndex(type->findData(dimensionTypeName(dimension.type)));
    m_dimensions->setCellWidget(row, DimensionTypeColumn, type);
    m_dimensions->setItem(row, DimensionRequiredColumn, checkItem(dimension.required));
    m_dimensions->setItem(row, DimensionDeprecatedColumn, checkItem(dimension.deprecated));
    m_dimensions->setItem(row, DimensionDisplayNameColumn, new QTableWidgetItem(dimension.displayName));
    return row;
}

void MeterEditorDialog::removeDimension(int row)
{
    m_dimensions->removeRow(row);
    m_removeDimension->setEnabled(m_dimensions->currentRow() >= 0);
}

void MeterEditorDialog::updateAggregationExplanation()
{
    m_aggregationExplanation->setText(
        aggregationExplanation(Aggregation(m_aggregation->currentData().toInt())));
}

QList<DimensionDraft> MeterEditorDialog::dimensionDrafts() const
{
    QList<DimensionDraft> drafts;
    for (int row = 0; row < m_dimensions->rowCount(); ++row) {
        DimensionDraft draft;
        const QTableWidgetItem *name = m_dimensions->item(row, DimensionNameColumn);
        draft.name = name ? name->text() : QString();
        draft.description = name ? name->data(Qt::UserRole).toString() : QString();
        const auto *type = qobject_cast<QComboBox *>(m_dimensions->cellWidget(row, DimensionTypeColumn));
        draft.type = type ? type->currentData().toString() : QString();
        draft.required = m_dimensions->item(row, DimensionRequiredColumn)->checkState() == Qt::Checked;
        draft.deprecated = m_dimensions->item(row, DimensionDeprecatedColumn)->checkState() == Qt::Checked;
        const QTableWidgetItem *displayName = m_dimensions->item(row, DimensionDisplayNameColumn);
        draft.displayName = displayName ? displayName->text() : QString();
        drafts.append(draft);
    }
    return drafts;
}

MeterDraft MeterEditorDialog::draft() const
{
    MeterDraft draft;
    draft.name = m_name->text();
    draft.description = m_description->text();
    draft.unit = m_unit->text();
    draft.aggregation = aggregationName(Aggregation(m_aggregation->currentData().toInt()));
    draft.dimensions = dimensionDrafts();
    draft.eventRetentionDays = m_retention->value();
    return draft;
}

MeterPatch MeterEditorDialog::patch() const
{
    const MeterDraft fields = draft();
    MeterPatch patch;
    patch.description = fields.description;
    patch.unit = fields.unit;
    patch.aggregation = fields.aggregation;
    patch.dimensions = fields.dimensions;
    patch.eventRetentionDays = fields.eventRetentionDays;
    return patch;
}

bool MeterEditorDialog::isSubmitting() const
{
    return m_runner->isBusy();
}

QString MeterEditorDialog::errorText() const
{
    return m_error->text();
}

void MeterEditorDialog::submit()
{
    if (m_runner->isBusy())
        return;
    clearHighlights();
    m_error->clearError();
    setSubmitting(true);
    Engine &engine = m_engine;
    auto done = [this](Result<Meter> result) {
        setSubmitting(false);
        if (!result) {
            showError(result.error());
            return;
        }
        Q_EMIT meterSaved(result.value());
        accept();
    };
    if (isEditing())
        m_runner->run([&engine, owner = m_owner, id = m_meterId,
                          patch = patch()] { return engine.meters().update(owner, id, patch); },
            done);
    else
        m_runner->run(
            [&engine, owner = m_owner, draft = draft()] { return engine.meters().create(owner, draft); },
            done);
}

void MeterEditorDialog::showError(const Error &error)
{
    const MeterErrorText described = describeMeterError(error);
    m_error->showError(described.text);
    m_errorField = described.field;
    switch (described.field) {
    case MeterErrorText::Field::Name:
        setHighlighted(m_name, true);
        m_name->setFocus();
        break;
    case MeterErrorText::Field::Unit:
        setHighlighted(m_unit, true);
        m_unit->setFocus();
        break;
    case MeterErrorText::Field::Aggregation:
        setHighlighted(m_aggregation, true);
        break;
    case MeterErrorText::Field::Retention:
        setHighlighted(m_retention, true);
        break;
    case MeterErrorText::Field::Dimensions:
        for (int row = 0; row < m_dimensions->rowCount(); ++row) {
            const QTableWidgetItem *name = m_dimensions->item(row, DimensionNameColumn);
            if ((name ? name->text().trimmed() : QString()) != described.dimension)
                continue;
            m_highlightedRows.append(row);
            for (int column = 0; column < DimensionColumnCount; ++column)
                if (QTableWidgetItem *item = m_dimensions->item(row, column))
                    item->setBackground(kInvalidRow);
        }
        if (m_highlightedRows.isEmpty()) {
            // A removed dimension has no row left: frame the whole table instead.
            setHighlighted(m_dimensions, true);
        } else {
            // No selection: its colour would hide the red tint of the row in question.
            m_dimensions->clearSelection();
            m_dimensions->scrollToItem(m_dimensions->item(m_highlightedRows.first(), DimensionNameColumn));
        }
        break;
    case MeterErrorText::Field::None:
        break;
    }
}

void MeterEditorDialog::clearHighlights()
{
    m_errorField = MeterErrorText::Field::None;
    for (QWidget *widget :
        std::initializer_list<QWidget *>{m_name, m_unit, m_aggregation, m_retention, m_dimensions})
        setHighlighted(widget, false);
    for (int row : std::as_const(m_highlightedRows))
        for (int column = 0; column < DimensionColumnCount; ++column)
            if (row < m_dimensions->rowCount())
                if (QTableWidgetItem *item = m_dimensions->item(row, column))
                    item->setBackground(QBrush());
    m_highlightedRows.clear();
}

void MeterEditorDialog::setHighlighted(QWidget *widget, bool on)
{
    widget->setProperty("invalid", on);
    widget->setStyleSheet(on ? QStringLiteral("%1 { %2 }")
                                   .arg(QString::fromLatin1(widget->metaObject()->className()), kInvalidStyle)
                             : QString());
}

void MeterEditorDialog::setSubmitting(bool submitting)
{
    for (QWidget *widget : findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
        if (widget != m_buttons && widget != m_error)
            widget->setEnabled(!submitting);
    m_saveButton->setEnabled(!submitting);
    if (submitting)
        m_saveButton->setText(isEditing() ? tr("Saving…") : tr("Creating…"));
    else
        m_saveButton->setText(isEditing() ? tr("Save changes") : tr("Create meter"));
}

} // namespace osc::ui
