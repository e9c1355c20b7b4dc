#include "Engine.h"
#include "UiTestSupport.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/meters/MeterEditorDialog.h"
#include "ui/meters/MeterTableModel.h"
#include "ui/meters/MetersPage.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace osc::testsupport;
using osc::ui::MeterEditorDialog;
using Field = osc::ui::MeterErrorText::Field;

namespace {

constexpr int kTimeoutMs = 20'000;

osc::Dimension dimension(const QString &name, osc::DimensionType type, bool required)
{
    osc::Dimension d;
    d.name = name;
    d.type = type;
    d.required = required;
    return d;
}

osc::Meter createMeter(osc::Engine &engine, const QString &name)
{
    osc::MeterDraft draft;
    draft.name = name;
    draft.unit = QStringLiteral("request");
    draft.dimensions = {{QStringLiteral("region"), {}, {}, QStringLiteral("string"), true, {}},
        {QStringLiteral("status_code"), {}, {}, QStringLiteral("number"), false, {}}};
    auto meter = engine.meters().create(engine.owner(), draft);
    if (!meter.ok())
        qFatal("cannot create meter: %s", qPrintable(meter.error().message));
    return meter.value();
}

void recordUsage(osc::Engine &engine, const QString &meter)
{
    osc::UsageDraft event;
    event.subject = QStringLiteral("org_1");
    event.meter = meter;
    event.quantity = 1;
    event.metadata = {{QStringLiteral("region"), QStringLiteral("eu-west")}};
    auto written = engine.ingestor().createOne(engine.owner(), event);
    if (!written.ok())
        qFatal("cannot ingest: %s", qPrintable(written.error().message));
}

// Submits and waits for the engine's answer.
void submit(MeterEditorDialog &dialog)
{
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("saveMeterButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isSubmitting(), kTimeoutMs);
}

QComboBox *typeCombo(MeterEditorDialog &dialog, int row)
{
    return qobject_cast<QComboBox *>(
        dialog.dimensionsTable()->cellWidget(row, MeterEditorDialog::DimensionTypeColumn));
}

} // namespace

class TestMeterEditorDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createReachesEngine();
    void validationErrorsInline();
    void duplicateNameConflict();
    void evolutionRulesWhenEditing();
    void editReachesEngine();
    void metersPageWiring();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<osc::Engine> m_engine;
};

void TestMeterEditorDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto opened = osc::Engine::open({m_dir->filePath(QStringLiteral("t.db")), false});
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
    m_engine = std::move(opened.value());
}

void TestMeterEditorDialog::cleanup()
{
    m_engine.reset();
    m_dir.reset();
}

void TestMeterEditorDialog::createReachesEngine()
{
    MeterEditorDialog dialog(*m_engine, m_engine->owner());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.isEditing());
    QSignalSpy saved(&dialog, &MeterEditorDialog::meterSaved);

    dialog.findChild<QLineEdit *>(QStringLiteral("meterName"))->setText(QStringLiteral("ai_tokens"));
    dialog.findChild<QLineEdit *>(QStringLiteral("meterDescription"))
        ->setText(QStringLiteral("Model tokens"));
    dialog.findChild<QLineEdit *>(QStringLiteral("meterUnit"))->setText(QStringLiteral("token"));
    auto *aggregation = dialog.findChild<QComboBox *>(QStringLiteral("meterAggregation"));
    auto *explanation = dialog.findChild<QLabel *>(QStringLiteral("aggregationExplanation"));
    const QString sumText = explanation->text();
    QVERIFY(sumText.contains(QStringLiteral("Adds up")));
    aggregation->setCurrentIndex(aggregation->findText(QStringLiteral("rate")));
    QVERIFY(explanation->text() != sumText); // each mode explains itself as it is picked
    QVERIFY(explanation->text().contains(QStringLiteral("per second")));
    aggregation->setCurrentIndex(aggregation->findText(QStringLiteral("max")));
    dialog.findChild<QSpinBox *>(QStringLiteral("meterRetention"))->setValue(30);
    dialog.addDimension(dimension(QStringLiteral("model"), osc::DimensionType::String, true));
    dialog.addDimension(dimension(QStringLiteral("cached"), osc::DimensionType::Boolean, false));
    dialog.dimensionsTable()
        ->item(0, MeterEditorDialog::DimensionDisplayNameColumn)
        ->setText(QStringLiteral("Model name"));
    saveScreenshot(dialog, QStringLiteral("meter-editor.png"));

    submit(dialog);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    auto meter = m_engine->meters().findByName(m_engine->owner(), QStringLiteral("ai_tokens"));
    QVERIFY(meter.ok());
    QCOMPARE(meter->description, QStringLiteral("Model tokens"));
    QCOMPARE(meter->unit, QStringLiteral("token"));
    QCOMPARE(meter->aggregation, osc::Aggregation::Max);
    QCOMPARE(meter->eventRetentionDays, 30);
    QCOMPARE(meter->dimensions.size(), 2);
    QCOMPARE(meter->dimensions[0].displayName, QStringLiteral("Model name"));
    QVERIFY(meter->dimensions[0].required);
    QCOMPARE(meter->dimensions[1].type, osc::DimensionType::Boolean);
    QVERIFY(!meter->dimensions[1].required);
    QCOMPARE(meter->dimensions[1].displayName, QStringLiteral("Cached")); // humanized by the engine
}

void TestMeterEditorDialog::validationErrorsInline()
{
    MeterEditorDialog dialog(*m_engine, m_engine->owner());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy saved(&dialog, &MeterEditorDialog::meterSaved);
    auto *error = dialog.findChild<QWidget *>(QStringLiteral("meterError"));
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("meterName"));
    auto *unit = dialog.findChild<QLineEdit *>(QStringLiteral("meterUnit"));

    submit(dialog); // nothing filled in
    QVERIFY(error->isVisible());
    QCOMPARE(dialog.errorField(), Field::Name);
    QVERIFY2(
        dialog.errorText().contains(QStringLiteral("Give the meter a name")), qPrintable(dialog.errorText()));
    QVERIFY(name->property("invalid").toBool());

    name->setText(QStringLiteral("api_calls"));
    submit(dialog);
    QCOMPARE(dialog.errorField(), Field::Unit);
    QVERIFY(!name->property("invalid").toBool());
    QVERIFY(unit->property("invalid").toBool());

    // A bad dimension name: the engine's terse message becomes advice, and its row is marked.
    unit->setText(QStringLiteral("call"));
    dialog.addDimension(dimension(QStringLiteral("region"), osc::DimensionType::String, true));
    dialog.addDimension(dimension(QStringLiteral("region name"), osc::DimensionType::String, true));
    submit(dialog);
    QCOMPARE(dialog.errorField(), Field::Dimensions);
    QCOMPARE(dialog.highlightedDimensionRows(), QList<int>{1});
    QVERIFY2(dialog.errorText().contains(QStringLiteral("No spaces")), qPrintable(dialog.errorText()));
    saveScreenshot(dialog, QStringLiteral("meter-editor-error.png"));

    dialog.dimensionsTable()->item(1, 0)->setText(QStringLiteral("subject"));
    submit(dialog);
    QVERIFY2(
        dialog.errorText().contains(QStringLiteral("part of every event")), qPrintable(dialog.errorText()));

    dialog.dimensionsTable()->item(1, 0)->setText(QStringLiteral("region"));
    submit(dialog);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("unique")), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.highlightedDimensionRows(), (QList<int>{0, 1}));

    dialog.removeDimension(1);
    submit(dialog);
    QCOMPARE(saved.count(), 1);
    QVERIFY(m_engine->meters().findByName(m_engine->owner(), QStringLiteral("api_calls")).ok());
}

void TestMeterEditorDialog::duplicateNameConflict()
{
    createMeter(*m_engine, QStringLiteral("api_calls"));
    MeterEditorDialog dialog(*m_engine, m_engine->owner());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.findChild<QLineEdit *>(QStringLiteral("meterName"))->setText(QStringLiteral("api_calls"));
    dialog.findChild<QLineEdit *>(QStringLiteral("meterUnit"))->setText(QStringLiteral("call"));
    submit(dialog);
    QCOMPARE(dialog.errorField(), Field::Name);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("already exists")), qPrintable(dialog.errorText()));
    QVERIFY(dialog.isVisible()); // still open, still editable
    QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("meterName"))->isEnabled());
}

void TestMeterEditorDialog::evolutionRulesWhenEditing()
{
    const osc::Meter meter = createMeter(*m_engine, QStringLiteral("api_calls"));
    recordUsage(*m_engine, meter.name);
    MeterEditorDialog dialog(*m_engine, m_engine->owner(), meter, 1);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.isEditing());
    QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("meterName"))->isReadOnly());
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("meterUsageNote"));
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("one stored event")), qPrintable(note->text()));

    // Removing a used dimension: refused, the table is framed, the message suggests deprecating.
    dialog.removeDimension(1);
    submit(dialog);
    QCOMPARE(dialog.errorField(), Field::Dimensions);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("deprecated")), qPrintable(dialog.errorText()));
    QVERIFY(dialog.dimensionsTable()->property("invalid").toBool());
    QVERIFY(dialog.isVisible());
    dialog.addDimension(meter.dimensions[1]);

    // Changing a type.
    typeCombo(dialog, 0)->setCurrentIndex(typeCombo(dialog, 0)->findData(QStringLiteral("number")));
    submit(dialog);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("type of \u201cregion\u201d")),
        qPrintable(dialog.errorText()));
    QCOMPARE(dialog.highlightedDimensionRows(), QList<int>{0});
    typeCombo(dialog, 0)->setCurrentIndex(typeCombo(dialog, 0)->findData(QStringLiteral("string")));

    // An optional dimension cannot become required.
    dialog.dimensionsTable()->item(1, MeterEditorDialog::DimensionRequiredColumn)->setCheckState(Qt::Checked);
    submit(dialog);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("cannot become required")),
        qPrintable(dialog.errorText()));
    dialog.dimensionsTable()
        ->item(1, MeterEditorDialog::DimensionRequiredColumn)
        ->setCheckState(Qt::Unchecked);

    // A new required dimension.
    dialog.addDimension(dimension(QStringLiteral("plan"), osc::DimensionType::String, true));
    submit(dialog);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("must be optional")), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.highlightedDimensionRows(), QList<int>{2});
    saveScreenshot(dialog, QStringLiteral("meter-editor-evolution.png"));

    // Optional is fine, and so is deprecating an existing one.
    dialog.dimensionsTable()
        ->item(2, MeterEditorDialog::DimensionRequiredColumn)
        ->setCheckState(Qt::Unchecked);
    dialog.dimensionsTable()
        ->item(0, MeterEditorDialog::DimensionDeprecatedColumn)
        ->setCheckState(Qt::Checked);
    QSignalSpy saved(&dialog, &MeterEditorDialog::meterSaved);
    submit(dialog);
    QCOMPARE(saved.count(), 1);
    auto stored = m_engine->meters().get(m_engine->owner(), meter.id);
    QVERIFY(stored.ok());
    QCOMPARE(stored->dimensions.size(), 3);
    QVERIFY(stored->dimensions[0].deprecated);
    QCOMPARE(stored->dimensions[2].name, QStringLiteral("plan"));
}

void TestMeterEditorDialog::editReachesEngine()
{
    const osc::Meter meter = createMeter(*m_engine, QStringLiteral("api_calls"));
    MeterEditorDialog dialog(*m_engine, m_engine->owner(), meter, 0);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("meterUsageNote"))->isVisible());
    dialog.findChild<QLineEdit *>(QStringLiteral("meterDescription"))
        ->setText(QStringLiteral("Calls served"));
    dialog.findChild<QLineEdit *>(QStringLiteral("meterUnit"))->setText(QStringLiteral("call"));
    dialog.dimensionsTable()
        ->item(0, MeterEditorDialog::DimensionDisplayNameColumn)
        ->setText(QStringLiteral("Area"));
    // Without usage anything goes: a type change too.
    typeCombo(dialog, 1)->setCurrentIndex(typeCombo(dialog, 1)->findData(QStringLiteral("string")));
    submit(dialog);
    QCOMPARE(dialog.errorText(), QString());
    auto stored = m_engine->meters().get(m_engine->owner(), meter.id);
    QVERIFY(stored.ok());
    QCOMPARE(stored->name, QStringLiteral("api_calls"));
    QCOMPARE(stored->description, QStringLiteral("Calls served"));
    QCOMPARE(stored->unit, QStringLiteral("call"));
    QCOMPARE(stored->dimensions[0].displayName, QStringLiteral("Area"));
    QCOMPARE(stored->dimensions[1].type, osc::DimensionType::String);
}

void TestMeterEditorDialog::metersPageWiring()
{
    const osc::Meter used = createMeter(*m_engine, QStringLiteral("api_calls"));
    recordUsage(*m_engine, used.name);
    const osc::Meter unused = createMeter(*m_engine, QStringLiteral("scratch"));

    osc::ui::WorkspaceContext workspace(m_engine->defaultWorkspaceId());
    osc::ui::MetersPage page(*m_engine, workspace);
    page.resize(1000, 500);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 2, kTimeoutMs);
    auto *edit = page.findChild<QPushButton *>(QStringLiteral("editMeterButton"));
    auto *remove = page.findChild<QPushButton *>(QStringLiteral("deleteMeterButton"));
    QVERIFY(!edit->isEnabled() && !remove->isEnabled());

    // New meter…
    QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("newMeterButton")), Qt::LeftButton);
    auto *created = page.findChild<MeterEditorDialog *>();
    QVERIFY(created && !created->isEditing());
    QTRY_VERIFY(created->isVisible());
    created->findChild<QLineEdit *>(QStringLiteral("meterName"))->setText(QStringLiteral("jobs"));
    created->findChild<QLineEdit *>(QStringLiteral("meterUnit"))->setText(QStringLiteral("job"));
    created->submit();
    QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 3, kTimeoutMs);

    // Double-click edits.
    page.tableView()->selectRow(0); // sorted by name: api_calls
    QVERIFY(edit->isEnabled());
    QCOMPARE(page.selectedMeterId(), used.id);
    const QModelIndex first = page.tableView()->model()->index(0, 0);
    // A view only reports a double-click on the index the first click pressed.
    QTest::mouseClick(
        page.tableView()->viewport(), Qt::LeftButton, {}, page.tableView()->visualRect(first).center());
    QTest::mouseDClick(
        page.tableView()->viewport(), Qt::LeftButton, {}, page.tableView()->visualRect(first).center());
    auto openEditor = [&page]() -> MeterEditorDialog * {
        for (MeterEditorDialog *dialog : page.findChildren<MeterEditorDialog *>())
            if (dialog->isVisible() && dialog->isEditing())
                return dialog;
        return nullptr;
    };
    QTRY_VERIFY(openEditor());
    MeterEditorDialog *editor = openEditor();
    QCOMPARE(
        editor->findChild<QLineEdit *>(QStringLiteral("meterName"))->text(), QStringLiteral("api_calls"));
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("meterUsageNote"))->isVisible());
    editor->reject();

    // Delete: refused while the meter has events, and the page says why.
    page.deleteMeter(used.id);
    QTRY_VERIFY_WITH_TIMEOUT(!page.errorText().isEmpty(), kTimeoutMs);
    QVERIFY2(page.errorText().contains(QStringLiteral("api_calls")), qPrintable(page.errorText()));
    QVERIFY2(page.errorText().contains(QStringLiteral("stored events")), qPrintable(page.errorText()));
    QCOMPARE(page.model()->rowCount(), 3);
    saveScreenshot(page, QStringLiteral("meters-delete-refused.png"));

    page.deleteMeter(unused.id);
    QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 2, kTimeoutMs);
    QCOMPARE(page.errorText(), QString());
}

QTEST_MAIN(TestMeterEditorDialog)
#include "tst_metereditordialog.moc"
