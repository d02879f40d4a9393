// CredentialStore's contract on the in-memory store, saved registry profiles in an ini
// file, and how a profile plus a saved secret become Credentials. No keychain needed (the
// real Secret Service is tst_keychain's).

#include "credentials/memorycredentialstore.h"
#include "credentials/registryprofiles.h"
#include "credentials/savedcredentials.h"
#include "credentialtestutil.h"
#include "fixtures/datatable.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {

const QString Secret = QStringLiteral("s3cret-Never-In-Settings-42");

RegistryProfile profile(const QString &url,
                        RegistryProfile::AuthKind kind,
                        const QString &user = {},
                        bool plainHttp = false)
{
    Result<RegistryProfile> p = RegistryProfile::forUrl(url, plainHttp);
    if (!p)
        qFatal("bad test profile URL");
    p->authKind = kind;
    p->username = user;
    return *p;
}

} // namespace

class tst_Credentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void memoryStoreRoundTrip()
    {
        MemoryCredentialStore store;
        const QString key = QStringLiteral("https://myreg.azurecr.io");
        const QString user = QStringLiteral("admin");

        auto missing = awaitJob(store.load(key, user));
        QVERIFY(missing);
        QVERIFY(!missing->has_value());

        QVERIFY(awaitJob(store.store(key, user, Secret)));
        auto loaded = awaitJob(store.load(key, user));
        QVERIFY(loaded && loaded->has_value());
        QCOMPARE(**loaded, Secret);
        // Entries are per (registry, account).
        QVERIFY(!awaitJob(store.load(key, QStringLiteral("other")))->has_value());
        QVERIFY(!awaitJob(store.load(QStringLiteral("https://x.io"), user))->has_value());

        QVERIFY(awaitJob(store.store(key, user, QStringLiteral("second"))));
        QCOMPARE(awaitJob(store.load(key, user))->value_or(QString()), QStringLiteral("second"));
        QCOMPARE(store.size(), 1);

        QVERIFY(awaitJob(store.forget(key, user)));
        QVERIFY(!awaitJob(store.load(key, user))->has_value());
        // Forgetting what is not there is not an error.
        QVERIFY(awaitJob(store.forget(key, user)));
    }

    void jobsFinishFromTheEventLoop()
    {
        MemoryCredentialStore store;
        Job<Done> *job = store.store(QStringLiteral("k"), QStringLiteral("a"), Secret);
        QSignalSpy finished(job, &RegistryJob::finished);
        QCOMPARE(finished.count(), 0); // not inside the call
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.count(), 1);
    }

    void invalidEntriesFail_data()
    {
        addColumns<QString, QString, QString>("key", "account", "secret");
        QTest::newRow("no registry") << QString() << QStringLiteral("a") << Secret;
        QTest::newRow("no account") << QStringLiteral("k") << QStringLiteral(" ") << Secret;
        QTest::newRow("empty secret") << QStringLiteral("k") << QStringLiteral("a") << QString();
    }
    void invalidEntriesFail()
    {
        QFETCH(QString, key);
        QFETCH(QString, account);
        QFETCH(QString, secret);
        MemoryCredentialStore store;
        QCOMPARE(errorCode(awaitJob(store.store(key, account, secret))),
                 ErrorCode::InvalidArgument);
        QCOMPARE(store.size(), 0);
        if (!secret.isEmpty()) {
            QCOMPARE(errorCode(awaitJob(store.load(key, account))), ErrorCode::InvalidArgument);
            QCOMPARE(errorCode(awaitJob(store.forget(key, account))), ErrorCode::InvalidArgument);
        }
    }

    void unavailableStoreFailsWithKeychainError()
    {
        MemoryCredentialStore store;
        store.setUnavailable(true);
        const auto r = awaitJob(store.store(QStringLiteral("k"), QStringLiteral("a"), Secret));
        QCOMPARE(errorCode(r), ErrorCode::Keychain);
        QVERIFY(errorMessage(r).startsWith(u"No keychain (Secret Service) is available"));
        QVERIFY(!errorMessage(r).contains(Secret));
        QCOMPARE(errorCode(awaitJob(store.load(QStringLiteral("k"), QStringLiteral("a")))),
                 ErrorCode::Keychain);
    }

    void profileUrlsAreNormalized_data()
    {
        addColumns<QString, QString>("input", "key");
        QTest::newRow("bare host") << "MyReg.AzureCR.io"
                                   << "https://myreg.azurecr.io";
        QTest::newRow("trailing slash") << "https://myreg.azurecr.io/"
                                        << "https://myreg.azurecr.io";
        QTest::newRow("default port") << "https://myreg.azurecr.io:443"
                                      << "https://myreg.azurecr.io";
        QTest::newRow("other port") << "https://myreg.azurecr.io:8443"
                                    << "https://myreg.azurecr.io:8443";
        QTest::newRow("loopback http") << "http://127.0.0.1:5000"
                                       << "http://127.0.0.1:5000";
    }
    void profileUrlsAreNormalized()
    {
        QFETCH(QString, input);
        QFETCH(QString, key);
        const Result<RegistryProfile> p = RegistryProfile::forUrl(input);
        QVERIFY(p);
        QCOMPARE(p->registryKey(), key);
        QCOMPARE(p->url.toString(), key);
        QCOMPARE(
            RegistryProfile::keyFor(QUrl(input.contains(u"://") ? input : u"https://" + input)),
            key);
    }

    void profileRejectsBadUrls()
    {
        QCOMPARE(errorCode(RegistryProfile::forUrl(QString())), ErrorCode::InvalidArgument);
        QCOMPARE(errorCode(RegistryProfile::forUrl(QStringLiteral("http://example.com"))),
                 ErrorCode::InsecureUrl);
        QVERIFY(RegistryProfile::forUrl(QStringLiteral("http://example.com"), true));
    }

    void authKindNamesRoundTrip()
    {
        using K = RegistryProfile::AuthKind;
        for (K kind : {K::Anonymous, K::Password, K::RefreshToken, K::AadToken})
            QCOMPARE(RegistryProfile::authKindFromName(RegistryProfile::authKindName(kind)), kind);
        QCOMPARE(RegistryProfile::authKindName(K::RefreshToken), QStringLiteral("refresh-token"));
        QCOMPARE(RegistryProfile::authKindName(K::AadToken), QStringLiteral("aad-token"));
        QVERIFY(!RegistryProfile::authKindFromName(QStringLiteral("kerberos")));
    }

    void profilesRoundTripThroughAnIniFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("berth.ini"));

        RegistryProfiles saved;
        RegistryProfile acr = profile(QStringLiteral("myreg.azurecr.io"),
                                      RegistryProfile::AuthKind::Password, QStringLiteral("admin"));
        acr.displayName = QStringLiteral("Production (ACR)");
        acr.caFile = QStringLiteral("/etc/ssl/corp.pem");
        saved.insert(acr);
        RegistryProfile local = profile(QStringLiteral("http://127.0.0.1:5000"),
                                        RegistryProfile::AuthKind::Anonymous, {}, true);
        saved.insert(local);
        RegistryProfile aad = profile(QStringLiteral("https://other.azurecr.io:8443"),
                                      RegistryProfile::AuthKind::AadToken);
        aad.tenant = QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47");
        saved.insert(aad);
        saved.insert(profile(QStringLiteral("tokens.azurecr.io"),
                             RegistryProfile::AuthKind::RefreshToken,
                             Credentials::RefreshTokenUser));
        QCOMPARE(saved.size(), 4);

        // The secret goes to the credential store, as the window does it.
        MemoryCredentialStore store;
        QVERIFY(awaitJob(store.store(acr.registryKey(), acr.account(), Secret)));
        {
            QSettings settings(path, QSettings::IniFormat);
            settings.setValue(QStringLiteral("window/geometry"), QStringLiteral("kept"));
            saved.save(settings);
            settings.sync();
            QCOMPARE(settings.status(), QSettings::NoError);
        }

        QSettings settings(path, QSettings::IniFormat);
        const RegistryProfiles loaded = RegistryProfiles::load(settings);
        QCOMPARE(loaded.profiles(), saved.profiles());
        QCOMPARE(settings.value(QStringLiteral("window/geometry")).toString(),
                 QStringLiteral("kept"));

        const QByteArray bytes = fileBytes(path);
        QVERIFY(bytes.contains("myreg.azurecr.io"));
        QVERIFY2(!bytes.contains(Secret.toUtf8()), bytes.constData());
        QVERIFY(!bytes.toLower().contains("secret"));
        QVERIFY(!bytes.toLower().contains("password="));
    }

    void findInsertAndRemove()
    {
        RegistryProfiles profiles;
        profiles.insert(profile(QStringLiteral("myreg.azurecr.io"),
                                RegistryProfile::AuthKind::Password, QStringLiteral("a")));
        QVERIFY(profiles.find(QUrl(QStringLiteral("https://myreg.azurecr.io"))));
        QVERIFY(profiles.find(QUrl(QStringLiteral("https://MYREG.azurecr.io:443"))));
        QVERIFY(!profiles.find(QUrl(QStringLiteral("http://myreg.azurecr.io"))));
        QVERIFY(!profiles.find(QUrl(QStringLiteral("https://myreg.azurecr.io:8443"))));

        // Same registry again: replaced in place, not added.
        profiles.insert(profile(QStringLiteral("https://myreg.azurecr.io:443/"),
                                RegistryProfile::AuthKind::Password, QStringLiteral("b")));
        QCOMPARE(profiles.size(), 1);
        QCOMPARE(profiles.find(QUrl(QStringLiteral("https://myreg.azurecr.io")))->username,
                 QStringLiteral("b"));

        QVERIFY(profiles.remove(QUrl(QStringLiteral("https://myreg.azurecr.io"))));
        QVERIFY(!profiles.remove(QUrl(QStringLiteral("https://myreg.azurecr.io"))));
        QVERIFY(profiles.isEmpty());
    }

    void savingReplacesTheWholeList()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("berth.ini"));
        QSettings settings(path, QSettings::IniFormat);
        RegistryProfiles two;
        two.insert(profile(QStringLiteral("a.azurecr.io"), RegistryProfile::AuthKind::Anonymous));
        two.insert(profile(QStringLiteral("b.azurecr.io"), RegistryProfile::AuthKind::Anonymous));
        two.save(settings);
        QCOMPARE(RegistryProfiles::load(settings).size(), 2);
        QVERIFY(two.remove(QUrl(QStringLiteral("https://a.azurecr.io"))));
        two.save(settings);
        const RegistryProfiles loaded = RegistryProfiles::load(settings);
        QCOMPARE(loaded.size(), 1);
        QVERIFY(loaded.find(QUrl(QStringLiteral("https://b.azurecr.io"))));
    }

    void malformedEntriesAreSkipped()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("berth.ini"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[registries]\n"
                   "good\\url=https://good.azurecr.io\n"
                   "good\\authKind=password\n"
                   "good\\username=admin\n"
                   "nourl\\authKind=password\n"
                   "badurl\\url=\"ht!tp://\"\n"
                   "insecure\\url=http://example.com\n"
                   "badkind\\url=https://kind.azurecr.io\n"
                   "badkind\\authKind=kerberos\n"
                   "minimal\\url=minimal.azurecr.io\n");
        file.close();
        QSettings settings(path, QSettings::IniFormat);
        const RegistryProfiles loaded = RegistryProfiles::load(settings);
        QCOMPARE(loaded.size(), 2);
        const auto good = loaded.find(QUrl(QStringLiteral("https://good.azurecr.io")));
        QVERIFY(good);
        QCOMPARE(good->authKind, RegistryProfile::AuthKind::Password);
        QCOMPARE(good->username, QStringLiteral("admin"));
        const auto minimal = loaded.find(QUrl(QStringLiteral("https://minimal.azurecr.io")));
        QVERIFY(minimal);
        QCOMPARE(minimal->authKind, RegistryProfile::AuthKind::Anonymous);
    }

    void resolvesSavedCredentials_data()
    {
        using K = RegistryProfile::AuthKind;
        addColumns<int, QString, int, QString>("kind", "user", "expectedKind", "expectedUser");
        QTest::newRow("password") << int(K::Password) << "admin" << int(Credentials::Kind::Password)
                                  << "admin";
        QTest::newRow("refresh token")
            << int(K::RefreshToken) << QString() << int(Credentials::Kind::RefreshToken)
            << Credentials::RefreshTokenUser;
        QTest::newRow("aad token")
            << int(K::AadToken) << QString() << int(Credentials::Kind::AadToken) << QString();
    }
    void resolvesSavedCredentials()
    {
        QFETCH(int, kind);
        QFETCH(QString, user);
        QFETCH(int, expectedKind);
        QFETCH(QString, expectedUser);
        RegistryProfile p
            = profile(QStringLiteral("myreg.azurecr.io"), RegistryProfile::AuthKind(kind), user);
        p.tenant = QStringLiteral("tenant-1");
        MemoryCredentialStore store;
        QVERIFY(awaitJob(store.store(p.registryKey(), p.account(), Secret)));

        const Result<Credentials> c = awaitJob(resolveSavedCredentials(&store, p));
        QVERIFY2(c, qPrintable(errorMessage(c)));
        QCOMPARE(int(c->kind), expectedKind);
        QCOMPARE(c->username, expectedUser);
        QCOMPARE(c->secret, Secret);
        if (c->kind == Credentials::Kind::AadToken)
            QCOMPARE(c->tenant, QStringLiteral("tenant-1"));
    }

    void anonymousProfileNeverTouchesTheStore()
    {
        MemoryCredentialStore store;
        store.setUnavailable(true);
        const RegistryProfile p
            = profile(QStringLiteral("myreg.azurecr.io"), RegistryProfile::AuthKind::Anonymous);
        const Result<Credentials> c = awaitJob(resolveSavedCredentials(&store, p));
        QVERIFY(c);
        QVERIFY(c->isAnonymous());
        QVERIFY(awaitJob(resolveSavedCredentials(nullptr, p)));
    }

    void missingSecretAsksToSignInAgain()
    {
        MemoryCredentialStore store;
        const RegistryProfile p
            = profile(QStringLiteral("myreg.azurecr.io"), RegistryProfile::AuthKind::Password,
                      QStringLiteral("admin"));
        const Result<Credentials> c = awaitJob(resolveSavedCredentials(&store, p));
        QCOMPARE(errorCode(c), ErrorCode::Unauthorized);
        QCOMPARE(errorMessage(c),
                 QStringLiteral("No saved secret for admin at https://myreg.azurecr.io; sign in "
                                "again."));
    }

    void passwordProfileWithoutUserFails()
    {
        MemoryCredentialStore store;
        const RegistryProfile p
            = profile(QStringLiteral("myreg.azurecr.io"), RegistryProfile::AuthKind::Password);
        const Result<Credentials> c = awaitJob(resolveSavedCredentials(&store, p));
        QCOMPARE(errorCode(c), ErrorCode::Unauthorized);
        QVERIFY(errorMessage(c).contains(u"sign in again"));
    }

    void keychainFailurePassesThrough()
    {
        MemoryCredentialStore store;
        store.setUnavailable(true);
        const RegistryProfile p
            = profile(QStringLiteral("myreg.azurecr.io"), RegistryProfile::AuthKind::Password,
                      QStringLiteral("admin"));
        QCOMPARE(errorCode(awaitJob(resolveSavedCredentials(&store, p))), ErrorCode::Keychain);
        QCOMPARE(errorCode(awaitJob(resolveSavedCredentials(nullptr, p))), ErrorCode::Keychain);
    }

    void abortingTheResolveJobEndsItOnce()
    {
        MemoryCredentialStore store;
        const RegistryProfile p
            = profile(QStringLiteral("myreg.azurecr.io"), RegistryProfile::AuthKind::Password,
                      QStringLiteral("admin"));
        Job<Credentials> *job = resolveSavedCredentials(&store, p);
        const QPointer<RegistryJob> alive(job);
        QSignalSpy finished(job, &RegistryJob::finished);
        job->abort();
        QCOMPARE(errorCode(job->result()), ErrorCode::Aborted);
        QVERIFY(finished.wait(5000));
        // Once the job is gone nothing more can come: anything it had queued came before.
        QVERIFY(QTest::qWaitFor([&] { return alive.isNull(); }, 5000));
        QCOMPARE(finished.count(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_Credentials)
#include "tst_credentials.moc"
