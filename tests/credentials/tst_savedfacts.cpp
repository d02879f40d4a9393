// What berth-cli remembers about a registry between runs (SavedFacts): read back as written,
// per registry, nothing written when nothing changed, and values that are no facts (another
// scheme, a realm Berth would never go to) read as unknown.

#include "credentials/registryprofile.h"
#include "credentials/savedfacts.h"
#include "fixtures/datatable.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;

namespace {

RegistryFacts bearer(const QString &realm, const QString &service)
{
    RegistryFacts facts;
    facts.acr = true;
    facts.challenge.scheme = QStringLiteral("bearer");
    facts.challenge.params
        = {{QStringLiteral("realm"), realm}, {QStringLiteral("service"), service}};
    return facts;
}

} // namespace

class tst_SavedFacts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("berth.ini")); }

private Q_SLOTS:
    void cleanup() { QFile::remove(path()); }

    void roundTripsPerRegistry()
    {
        const QUrl acr(QStringLiteral("https://contoso.azurecr.io"));
        const QUrl other(QStringLiteral("http://127.0.0.1:5000"));
        const RegistryFacts acrFacts
            = bearer(QStringLiteral("https://contoso.azurecr.io/oauth2/token"),
                     QStringLiteral("contoso.azurecr.io"));
        RegistryFacts plain;
        plain.acr = false;
        plain.challenge.scheme = QStringLiteral("basic");
        {
            QSettings settings(path(), QSettings::IniFormat);
            SavedFacts::save(settings, acr, acrFacts);
            SavedFacts::save(settings, other, plain);
        }
        QSettings settings(path(), QSettings::IniFormat);
        QVERIFY(SavedFacts::load(settings, acr) == acrFacts);
        QVERIFY(SavedFacts::load(settings, other) == plain);
        // The same registry spelt with its default port, and one never seen.
        QVERIFY(SavedFacts::load(settings, QUrl(QStringLiteral("https://contoso.azurecr.io:443")))
                == acrFacts);
        const RegistryFacts unknown
            = SavedFacts::load(settings, QUrl(QStringLiteral("https://x.io")));
        QVERIFY(!unknown.acr);
        QVERIFY(unknown.challenge.scheme.isEmpty());
    }

    void unchangedFactsAreNotWrittenAgain()
    {
        const QUrl registry(QStringLiteral("https://contoso.azurecr.io"));
        const RegistryFacts facts
            = bearer(QStringLiteral("https://contoso.azurecr.io/oauth2/token"),
                     QStringLiteral("contoso.azurecr.io"));
        QSettings settings(path(), QSettings::IniFormat);
        SavedFacts::save(settings, registry, facts);
        settings.sync();
        QFile::remove(path()); // a write would bring it back
        SavedFacts::save(settings, registry, facts);
        settings.sync();
        QVERIFY(!QFile::exists(path()));
    }

    void whatCannotBeAFactReadsAsUnknown_data()
    {
        Test::addColumns<QString, QString>("scheme", "realm");
        QTest::newRow("another scheme") << "negotiate"
                                        << "https://r.example/token";
        QTest::newRow("realm not http(s)") << "bearer"
                                           << "file:///etc/passwd";
        QTest::newRow("realm with user info") << "bearer"
                                              << "https://u:p@r.example/token";
        QTest::newRow("realm without host") << "bearer"
                                            << "https:///token";
        QTest::newRow("no realm") << "bearer"
                                  << "";
    }
    void whatCannotBeAFactReadsAsUnknown()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, realm);
        const QUrl registry(QStringLiteral("https://contoso.azurecr.io"));
        QSettings settings(path(), QSettings::IniFormat);
        RegistryFacts facts = bearer(realm, QStringLiteral("svc"));
        facts.challenge.scheme = scheme;
        SavedFacts::save(settings, registry, facts);
        // As if the file had been edited.
        const QString group
            = QStringLiteral("registryFacts/")
              + QString::fromLatin1(QUrl::toPercentEncoding(RegistryProfile::keyFor(registry)));
        settings.setValue(group + u"/authScheme", scheme);
        settings.setValue(group + u"/realm", realm);
        const RegistryFacts loaded = SavedFacts::load(settings, registry);
        QVERIFY(loaded.challenge.scheme.isEmpty());
        QVERIFY(loaded.challenge.params.isEmpty());
        QCOMPARE(loaded.acr, std::optional<bool>(true)); // what is a fact stays one
    }
};

QTEST_GUILESS_MAIN(tst_SavedFacts)
#include "tst_savedfacts.moc"
