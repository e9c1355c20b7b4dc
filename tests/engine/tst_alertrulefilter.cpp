// AlertRuleFilter: a rule's subject and metadata equality pairs as a §6.6 filter (what the console's
// filter builder edits) and back; filters a rule cannot hold are refused with the reason.

#include "alerts/AlertRuleFilter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using osc::alerts::AlertRuleFilter;
using osc::alerts::AlertRuleMatch;

namespace {

QJsonValue parse(const char *json)
{
    if (QByteArray(json) == "null")
        return QJsonValue::Null;
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class tst_AlertRuleFilter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
    void roundTrip_data();
    void roundTrip();
};

void tst_AlertRuleFilter::accepted_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QStringList>("metadata"); // key=value, in filter order
    QTest::newRow("none") << "null" << QString() << QStringList();
    QTest::newRow("subject") << R"({"type":"condition","field":"subject","op":"eq","value":"A"})"
                             << "A" << QStringList();
    QTest::newRow("metadata number as text")
        << R"({"type":"condition","field":"metadata.status","op":"eq","value":200})" << QString()
        << QStringList{"status=200"};
    QTest::newRow("bool as text") << R"({"type":"condition","field":"metadata.retry","op":"eq","value":true})"
                                  << QString() << QStringList{"retry=true"};
    QTest::newRow("nested and groups")
        << R"({"type":"group","op":"and","rules":[{"type":"condition","field":"subject","op":"eq","value":"A"},
              {"type":"group","op":"and","rules":[{"type":"condition","field":"metadata.service.tier","op":"eq","value":"gold"}]}]})"
        << "A" << QStringList{"service.tier=gold"};
    QTest::newRow("same pair twice")
        << R"({"type":"group","op":"and","rules":[{"type":"condition","field":"metadata.a","op":"eq","value":"x"},
              {"type":"condition","field":"metadata.a","op":"eq","value":"x"}]})"
        << QString() << QStringList{"a=x", "a=x"};
}

void tst_AlertRuleFilter::accepted()
{
    QFETCH(QString, filter);
    QFETCH(QString, subject);
    QFETCH(QStringList, metadata);
    auto match = AlertRuleFilter::fromFilter(parse(filter.toUtf8().constData()));
    QVERIFY2(match.ok(), match ? "" : qPrintable(match.error().message));
    QCOMPARE(match->subject, subject);
    QStringList pairs;
    for (const auto &[key, value] : match->metadata)
        pairs << key + QLatin1Char('=') + value;
    QCOMPARE(pairs, metadata);
}

void tst_AlertRuleFilter::refused_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("message");
    QTest::newRow("or")
        << R"({"type":"group","op":"or","rules":[{"type":"condition","field":"subject","op":"eq","value":"A"}]})"
        << "invalid input\nan alert rule can only require all of its conditions (and)";
    QTest::newRow("neq") << R"({"type":"condition","field":"metadata.endpoint","op":"neq","value":"/users"})"
                         << "invalid input\nan alert rule compares metadata.endpoint by equality only (is)";
    QTest::newRow("quantity")
        << R"({"type":"condition","field":"quantity","op":"eq","value":1})"
        << "invalid input\nan alert rule filters on subject and metadata only, not quantity";
    QTest::newRow("list value")
        << R"({"type":"condition","field":"metadata.a","op":"eq","value":["x"]})"
        << "invalid input\nmetadata.a needs a single text, number or true/false value";
    QTest::newRow("two subjects")
        << R"({"type":"group","op":"and","rules":[{"type":"condition","field":"subject","op":"eq","value":"A"},
              {"type":"condition","field":"subject","op":"eq","value":"B"}]})"
        << "invalid input\nan alert rule matches one subject";
    QTest::newRow("key twice")
        << R"({"type":"group","op":"and","rules":[{"type":"condition","field":"metadata.a","op":"eq","value":"x"},
              {"type":"condition","field":"metadata.a","op":"eq","value":"y"}]})"
        << "invalid input\nmetadata.a cannot equal two values";
    QTest::newRow("unknown node") << R"({"type":"rule"})"
                                  << "invalid input\nunsupported filter type \"rule\"";
}

void tst_AlertRuleFilter::refused()
{
    QFETCH(QString, filter);
    QFETCH(QString, message);
    auto match = AlertRuleFilter::fromFilter(parse(filter.toUtf8().constData()));
    QVERIFY(!match.ok());
    QCOMPARE(match.error().message, message);
}

void tst_AlertRuleFilter::roundTrip_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QStringList>("values");
    QTest::newRow("nothing") << QString() << QStringList() << QStringList();
    QTest::newRow("subject only") << "A" << QStringList() << QStringList();
    QTest::newRow("one pair") << QString() << QStringList{"endpoint"} << QStringList{"/orders"};
    QTest::newRow("both") << "A" << QStringList{"endpoint", "region"} << QStringList{"/orders", "eu"};
}

void tst_AlertRuleFilter::roundTrip()
{
    QFETCH(QString, subject);
    QFETCH(QStringList, keys);
    QFETCH(QStringList, values);
    AlertRuleMatch match;
    match.subject = subject;
    for (qsizetype i = 0; i < keys.size(); ++i)
        match.metadata.append({keys[i], values[i]});
    const QJsonValue filter = AlertRuleFilter::toFilter(match);
    QCOMPARE(filter.isNull(), subject.isEmpty() && keys.isEmpty());
    if (filter.isObject())
        QCOMPARE(filter.toObject().value("type").toString(),
            QString(int(!subject.isEmpty()) + keys.size() == 1 ? "condition" : "group"));
    auto back = AlertRuleFilter::fromFilter(filter);
    QVERIFY(back.ok());
    QCOMPARE(back->subject, match.subject);
    QCOMPARE(back->metadata, match.metadata);
}

QTEST_GUILESS_MAIN(tst_AlertRuleFilter)
#include "tst_alertrulefilter.moc"
