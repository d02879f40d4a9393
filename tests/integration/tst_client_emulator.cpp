// RegistryClient against the ACR emulator: every API operation, paging, orderby, locks,
// token flows, expiry and re-authentication.

#include "core/sha256.h"
#include "fixtures/clienttest.h"
#include "fixtures/datatable.h"
#include "fixtures/emulatorfixture.h"
#include "upload/blobupload.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryFile>

using namespace Berth;
using namespace Berth::Test;

class tst_ClientEmulator : public EmulatorFixture
{
    Q_OBJECT

public:
    tst_ClientEmulator()
        : EmulatorFixture(QStringLiteral("admin"), QStringLiteral("s3cret-pass"))
    {}

private:
    std::unique_ptr<RegistryClient> admin()
    {
        return makeClient(m_emu->url(), Credentials::password(m_user, m_password));
    }

    int countRequests(const QString &pathPrefix, int status = 0) const
    {
        int n = 0;
        for (const auto &r : m_emu->requests())
            if (r.path.startsWith(pathPrefix) && (status == 0 || r.status == status))
                ++n;
        return n;
    }

private Q_SLOTS:
    void checkReportsAcrAndBearer()
    {
        auto client = admin();
        const auto caps = await(client->check());
        BERTH_VERIFY_OK(caps);
        QVERIFY(caps->acr);
        QCOMPARE(caps->authName(), QStringLiteral("bearer"));
    }

    void wrongPasswordIsUnauthorizedWithoutLeakingIt()
    {
        auto client
            = makeClient(m_emu->url(), Credentials::password(m_user, QStringLiteral("nope-xyz")));
        const auto caps = await(client->check());
        QVERIFY(!caps);
        QCOMPARE(caps.error().code, ErrorCode::Unauthorized);
        QVERIFY(!caps.error().message.contains(u"nope-xyz"));
    }

    void anonymousWithoutAnonymousAccessIsUnauthorized()
    {
        auto client = makeClient(m_emu->url());
        const auto repos = await(client->listRepositories());
        QVERIFY(!repos);
        QCOMPARE(repos.error().code, ErrorCode::Unauthorized);
    }

    void catalogPagesFollowLinkAcrossSeveralPages()
    {
        m_emu->seedBulk(250);
        auto client = admin();
        const auto repos = await(client->listRepositories(40));
        BERTH_VERIFY_OK(repos);
        QVERIFY(repos->size() >= 250);
        QStringList sorted = *repos;
        sorted.sort();
        QCOMPARE(*repos, sorted);
        QCOMPARE(QSet<QString>(repos->begin(), repos->end()).size(),
                 repos->size()); // no duplicates
        QVERIFY(repos->contains(QStringLiteral("team/app/api")));
        QVERIFY(countRequests(QStringLiteral("/acr/v1/_catalog"), 200) >= 7);
    }

    void onePageAtATimeGivesNext()
    {
        auto client = admin();
        const auto page = await(client->repositoryPage(2));
        BERTH_VERIFY_OK(page);
        QCOMPARE(page->items.size(), 2);
        QVERIFY(!page->next.isEmpty());
        const auto second = await(client->repositoryPage(2, page->next));
        BERTH_VERIFY_OK(second);
        QVERIFY(second->items.first() > page->items.last());
    }

    void tagsOrderByTimeAskTheServer()
    {
        auto client = admin();
        ListOptions desc;
        desc.orderBy = OrderBy::TimeDesc;
        desc.pageSize = 1; // and across pages
        const auto newest = await(client->listTags(QStringLiteral("hello-world"), desc));
        BERTH_VERIFY_OK(newest);
        ListOptions asc = desc;
        asc.orderBy = OrderBy::TimeAsc;
        const auto oldest = await(client->listTags(QStringLiteral("hello-world"), asc));
        BERTH_VERIFY_OK(oldest);
        QVERIFY(newest->size() >= 3);
        QCOMPARE(newest->size(), oldest->size());
        for (qsizetype i = 1; i < newest->size(); ++i)
            QVERIFY(newest->at(i - 1).lastUpdateTime >= newest->at(i).lastUpdateTime);
        QCOMPARE(newest->first().name, oldest->last().name);
        bool askedServer = false;
        for (const auto &r : m_emu->requests())
            askedServer |= r.query.contains(u"orderby=timedesc");
        QVERIFY(askedServer);
    }

    void tagDigestFilter()
    {
        auto client = admin();
        const auto tag
            = await(client->getTag(QStringLiteral("hello-world"), QStringLiteral("latest")));
        BERTH_VERIFY_OK(tag);
        ListOptions options;
        options.digest = tag->digest;
        const auto tags = await(client->listTags(QStringLiteral("hello-world"), options));
        BERTH_VERIFY_OK(tags);
        QVERIFY(!tags->isEmpty());
        for (const TagInfo &t : *tags)
            QCOMPARE(t.digest, tag->digest);
    }

    void manifestsListIncludesIndexPlatforms()
    {
        auto client = admin();
        const auto manifests = await(client->listManifests(QStringLiteral("team/app/api")));
        BERTH_VERIFY_OK(manifests);
        bool sawIndex = false;
        for (const ManifestInfo &m : *manifests)
            sawIndex |= m.references.size() == 2;
        QVERIFY(sawIndex);
    }

    void lockedTagRefusesDeleteUntilUnlocked()
    {
        auto client = admin();
        const QString repo = QStringLiteral("hello-world");
        ChangeableAttributes lock;
        lock.deleteEnabled = false;
        lock.writeEnabled = false;
        const auto locked = await(client->updateTag(repo, QStringLiteral("v1"), lock));
        BERTH_VERIFY_OK(locked);
        QCOMPARE(locked->attributes.deleteEnabled, std::optional<bool>(false));
        const auto refused = await(client->deleteTag(repo, QStringLiteral("v1")));
        QVERIFY(!refused);
        QVERIFY2(refused.error().httpStatus >= 400, qPrintable(refused.error().code));
        QVERIFY(!refused.error().message.isEmpty());
        const auto stillThere = await(client->getTag(repo, QStringLiteral("v1")));
        BERTH_VERIFY_OK(stillThere);

        ChangeableAttributes unlock;
        unlock.deleteEnabled = true;
        unlock.writeEnabled = true;
        BERTH_VERIFY_OK(await(client->updateTag(repo, QStringLiteral("v1"), unlock)));
        BERTH_VERIFY_OK(await(client->deleteTag(repo, QStringLiteral("v1"))));
        const auto gone = await(client->getTag(repo, QStringLiteral("v1")));
        QVERIFY(!gone);
        QCOMPARE(gone.error().httpStatus, 404);
    }

    void lockedRepositoryRefusesWrites()
    {
        auto client = admin();
        const auto info = await(client->getRepository(QStringLiteral("library/alpine")));
        BERTH_VERIFY_OK(info);
        QCOMPARE(info->attributes.writeEnabled, std::optional<bool>(false));
        const auto manifest
            = await(client->getManifest(QStringLiteral("hello-world"), QStringLiteral("latest")));
        BERTH_VERIFY_OK(manifest);
        // Pushing to a write-locked repository is refused (its blobs are not there, but the
        // lock must win or the blob check must fail — either way no success).
        const auto put
            = await(client->putManifest(QStringLiteral("library/alpine"), QStringLiteral("latest"),
                                        manifest->body, manifest->mediaType));
        QVERIFY(!put);
    }

    void repositoryLockThenDelete()
    {
        auto client = admin();
        const QString repo = QStringLiteral("team/app/web");
        ChangeableAttributes lock;
        lock.deleteEnabled = false;
        const auto locked = await(client->updateRepository(repo, lock));
        BERTH_VERIFY_OK(locked);
        QCOMPARE(locked->attributes.deleteEnabled, std::optional<bool>(false));
        QCOMPARE(locked->name, repo);
        const auto refused = await(client->deleteRepository(repo));
        QVERIFY(!refused);
        QCOMPARE(refused.error().httpStatus, 405);

        ChangeableAttributes unlock;
        unlock.deleteEnabled = true;
        BERTH_VERIFY_OK(await(client->updateRepository(repo, unlock)));
        const auto deleted = await(client->deleteRepository(repo));
        BERTH_VERIFY_OK(deleted);
        QVERIFY(!deleted->value(u"manifestsDeleted").toArray().isEmpty());
        const auto repos = await(client->listRepositories());
        BERTH_VERIFY_OK(repos);
        QVERIFY(!repos->contains(repo));
    }

    void manifestAttributesReadAndLock()
    {
        auto client = admin();
        const auto tag = await(client->getTag(QStringLiteral("hello-world"), QStringLiteral("v1")));
        BERTH_VERIFY_OK(tag);
        const auto info
            = await(client->getManifestInfo(QStringLiteral("hello-world"), tag->digest));
        BERTH_VERIFY_OK(info);
        QCOMPARE(info->digest, tag->digest);
        QVERIFY(info->tags.contains(QStringLiteral("v1")));
        ChangeableAttributes lock;
        lock.deleteEnabled = false;
        const auto locked
            = await(client->updateManifestInfo(QStringLiteral("hello-world"), tag->digest, lock));
        BERTH_VERIFY_OK(locked);
        QCOMPARE(locked->attributes.deleteEnabled, std::optional<bool>(false));
        const auto refused
            = await(client->deleteManifest(QStringLiteral("hello-world"), tag->digest));
        QVERIFY(!refused);
        QCOMPARE(refused.error().httpStatus, 405);
    }

    void serviceComesFromTheChallengeNotTheHost()
    {
        // The emulator refuses tokens asked for another service than its login server.
        m_emu = std::make_unique<AcrEmulator>();
        m_emu->addUser(m_user, m_password);
        m_emu->setLoginServer(QStringLiteral("myregistry.azurecr.io"));
        m_emu->seedDemo();
        QVERIFY(m_emu->listen());
        auto client = admin();
        BERTH_VERIFY_OK(await(client->listRepositories()));
    }

    void secretsNeverReachTheLog()
    {
        static QStringList captured;
        captured.clear();
        // A filter, not setFilterRules(): the QT_LOGGING_RULES that ctest sets would win.
        static QLoggingCategory::CategoryFilter defaultFilter = nullptr;
        defaultFilter = QLoggingCategory::installFilter([](QLoggingCategory *category) {
            if (defaultFilter) // (still unset while installFilter() applies this the first time)
                defaultFilter(category);
            if (qstrncmp(category->categoryName(), "berth.", 6) == 0)
                category->setEnabled(QtDebugMsg, true);
        });
        const QtMessageHandler previous
            = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &,
                                        const QString &message) { captured << message; });
        m_emu->addAadToken(QStringLiteral("aad-secret-token-xyz"));
        auto password = admin();
        BERTH_VERIFY_OK(await(password->listTags(QStringLiteral("hello-world"))));
        auto wrong = makeClient(m_emu->url(),
                                Credentials::password(m_user, QStringLiteral("wrong-secret-abc")));
        QVERIFY(!await(wrong->listRepositories()));
        auto aad = makeClient(m_emu->url(),
                              Credentials::aadToken(QStringLiteral("aad-secret-token-xyz")));
        BERTH_VERIFY_OK(await(aad->listRepositories()));
        qInstallMessageHandler(previous);
        QLoggingCategory::installFilter(defaultFilter);
        QVERIFY2(!captured.isEmpty(), "debug logging was on; something should have been logged");
        for (const QString &line : std::as_const(captured)) {
            for (const QString &secret : {m_password, QStringLiteral("wrong-secret-abc"),
                                          QStringLiteral("aad-secret-token-xyz"),
                                          QStringLiteral("Bearer ey"), QStringLiteral("Basic ")})
                QVERIFY2(!line.contains(secret),
                         qPrintable(QStringLiteral("secret in log: ") + line.left(80)));
        }
    }

    void unknownRepositoryIsNameUnknown()
    {
        auto client = admin();
        const auto tags = await(client->listTags(QStringLiteral("no/such/repo")));
        QVERIFY(!tags);
        QCOMPARE(tags.error().code, ErrorCode::NameUnknown);
        QCOMPARE(tags.error().httpStatus, 404);
    }

    void manifestRoundTripVerifiesDigest()
    {
        auto client = admin();
        const auto byTag
            = await(client->getManifest(QStringLiteral("hello-world"), QStringLiteral("latest")));
        BERTH_VERIFY_OK(byTag);
        QCOMPARE(byTag->digest, Sha256::digestOf(byTag->body));
        const auto byDigest
            = await(client->getManifest(QStringLiteral("hello-world"), byTag->digest));
        BERTH_VERIFY_OK(byDigest);
        QCOMPARE(byDigest->body, byTag->body);

        const auto put = await(client->putManifest(
            QStringLiteral("hello-world"), QStringLiteral("copy"), byTag->body, byTag->mediaType));
        BERTH_VERIFY_OK(put);
        QCOMPARE(*put, byTag->digest);
        const auto head
            = await(client->headManifest(QStringLiteral("hello-world"), QStringLiteral("copy")));
        BERTH_VERIFY_OK(head);
        QVERIFY(head->has_value());
        QCOMPARE((*head)->digest, byTag->digest);
    }

    void manifestDeleteByDigest()
    {
        auto client = admin();
        const auto m
            = await(client->getManifest(QStringLiteral("team/app/web"), QStringLiteral("latest")));
        BERTH_VERIFY_OK(m);
        BERTH_VERIFY_OK(await(client->deleteManifest(QStringLiteral("team/app/web"), m->digest)));
        const auto head = await(client->headManifest(QStringLiteral("team/app/web"), m->digest));
        BERTH_VERIFY_OK(head);
        QVERIFY(!head->has_value());
    }

    void blobPushInChunksThenReadBack_data()
    {
        addColumns<qint64, qint64>("size", "chunk");
        QTest::newRow("empty") << qint64(0) << qint64(1024);
        QTest::newRow("one chunk") << qint64(1000) << qint64(4096);
        QTest::newRow("several chunks") << qint64(300000) << qint64(65536);
        QTest::newRow("exact multiple") << qint64(131072) << qint64(65536);
    }
    void blobPushInChunksThenReadBack()
    {
        QFETCH(qint64, size);
        QFETCH(qint64, chunk);
        QTemporaryFile file;
        QVERIFY(file.open());
        QByteArray data(size, Qt::Uninitialized);
        for (qint64 i = 0; i < size; ++i)
            data[i] = char((i * 131 + size) & 0xff);
        file.write(data);
        file.flush();
        auto client = admin();
        BlobUploadOptions options;
        options.chunkSize = chunk;
        auto *push = new BlobUpload(client.get(), QStringLiteral("uploads/test"),
                                    BlobSource::wholeFile(file.fileName()), options);
        const auto pushed = await(static_cast<Job<BlobUploadResult> *>(push));
        BERTH_VERIFY_OK(pushed);
        const std::optional<QString> digest = pushed->digest;
        QCOMPARE(*digest, Sha256::digestOf(data));
        const auto head = await(client->headBlob(QStringLiteral("uploads/test"), *digest));
        BERTH_VERIFY_OK(head);
        QCOMPARE(head->value_or(-1), size);
        const auto got = downloadBlob(client.get(), QStringLiteral("uploads/test"), *digest);
        BERTH_VERIFY_OK(got);
        QCOMPARE(*got, data);
        const int patches = countRequests(QStringLiteral("/v2/uploads/test/blobs/uploads/"), 202);
        QVERIFY(patches >= 1);

        // A second push of the same content is skipped: the repository has it.
        m_emu->clearRequests();
        auto *again = new BlobUpload(client.get(), QStringLiteral("uploads/test"),
                                     BlobSource::wholeFile(file.fileName()), options);
        const auto skipped = await(static_cast<Job<BlobUploadResult> *>(again));
        BERTH_VERIFY_OK(skipped);
        QCOMPARE(skipped->outcome, BlobUploadResult::Outcome::Skipped);
        QCOMPARE(countRequests(QStringLiteral("/v2/uploads/test/blobs/uploads/")), 0);
    }

    void mountFromAnotherRepository()
    {
        auto client = admin();
        const QByteArray data("mount me please");
        const QString digest = m_emu->putBlob(QStringLiteral("source/repo"), data);
        const auto mounted = await(client->mountBlob(QStringLiteral("target/repo"),
                                                     QStringLiteral("source/repo"), digest));
        BERTH_VERIFY_OK(mounted);
        QVERIFY(mounted->mounted);
        const auto head = await(client->headBlob(QStringLiteral("target/repo"), digest));
        BERTH_VERIFY_OK(head);
        QVERIFY(head->has_value());

        // Not in the source: the registry opens an ordinary session instead (202).
        const QString missing = Sha256::digestOf("not anywhere");
        const auto fallback = await(client->mountBlob(QStringLiteral("target/repo"),
                                                      QStringLiteral("source/repo"), missing));
        BERTH_VERIFY_OK(fallback);
        QVERIFY(!fallback->mounted);
        QVERIFY(fallback->session.location.isValid());
        BERTH_VERIFY_OK(
            await(client->cancelUpload(QStringLiteral("target/repo"), fallback->session)));
    }

    void uploadStepsFollowLocationAndReportRange()
    {
        auto client = admin();
        const QString repo = QStringLiteral("steps/repo");
        const auto session = await(client->startUpload(repo));
        BERTH_VERIFY_OK(session);
        QBuffer hello;
        hello.setData("hello ");
        hello.open(QIODevice::ReadOnly);
        const auto afterFirst = await(client->uploadStream(repo, *session, &hello));
        BERTH_VERIFY_OK(afterFirst);
        QCOMPARE(afterFirst->offset, 6);
        const auto status = await(client->uploadStatus(repo, *afterFirst));
        BERTH_VERIFY_OK(status);
        QCOMPARE(status->offset, 6);
        // A chunk that does not start where the registry is: 416.
        UploadSession wrong = *afterFirst;
        wrong.offset = 3;
        QBuffer xyz;
        xyz.setData("xyz");
        xyz.open(QIODevice::ReadOnly);
        const auto refused = await(client->uploadStream(repo, wrong, &xyz));
        QVERIFY(!refused);
        QCOMPARE(refused.error().httpStatus, 416);
        const auto done = await(client->completeUpload(
            repo, *status, Sha256::digestOf("hello world"), QByteArray("world")));
        BERTH_VERIFY_OK(done);
        // A wrong digest is refused by the registry.
        const auto s2 = await(client->startUpload(repo));
        BERTH_VERIFY_OK(s2);
        const auto bad = await(
            client->completeUpload(repo, *s2, Sha256::digestOf("other"), QByteArray("data")));
        QVERIFY(!bad);
    }

    void blobDelete()
    {
        auto client = admin();
        const QString digest = m_emu->putBlob(QStringLiteral("del/repo"), QByteArray("to delete"));
        BERTH_VERIFY_OK(await(client->deleteBlob(QStringLiteral("del/repo"), digest)));
        const auto head = await(client->headBlob(QStringLiteral("del/repo"), digest));
        BERTH_VERIFY_OK(head);
        QVERIFY(!head->has_value());
    }

    void blobRedirectToStorageDropsAuthorization()
    {
        m_emu->setBlobRedirect(true);
        auto client = admin();
        const QByteArray data("stored elsewhere");
        const QString digest = m_emu->putBlob(QStringLiteral("hello-world"), data);
        const auto got = downloadBlob(client.get(), QStringLiteral("hello-world"), digest);
        BERTH_VERIFY_OK(got);
        QCOMPARE(*got, data);
        bool sawStorage = false;
        for (const auto &r : m_emu->requests()) {
            if (r.path.startsWith(u"/_storage")) {
                sawStorage = true;
                QVERIFY2(!r.hadAuthorization, "Authorization leaked to the storage host");
            }
        }
        QVERIFY(sawStorage);
    }

    void expiredTokenIsRenewedOnce()
    {
        auto client = admin();
        BERTH_VERIFY_OK(await(client->listTags(QStringLiteral("hello-world"))));
        m_emu->revokeAllAccessTokens();
        m_emu->clearRequests();
        BERTH_VERIFY_OK(await(client->listTags(QStringLiteral("hello-world"))));
        QCOMPARE(countRequests(QStringLiteral("/acr/v1/hello-world/_tags"), 401), 1);
        QCOMPARE(countRequests(QStringLiteral("/oauth2/token")), 1);
    }

    // The tag and the manifest table of a repository just opened ask at the same time, with
    // the sign-in known: both wait for one token request, not one each.
    void requestsAtTheSameTimeShareOneToken()
    {
        auto client = admin();
        BERTH_VERIFY_OK(await(client->listRepositories())); // the challenge is known now
        m_emu->clearRequests();
        std::optional<bool> manifestsOk;
        onFinished(client->listManifests(QStringLiteral("hello-world")), this,
                   [&](const auto &r) { manifestsOk = r.has_value(); });
        BERTH_VERIFY_OK(await(client->listTags(QStringLiteral("hello-world"))));
        QTRY_VERIFY(manifestsOk.has_value());
        QVERIFY(*manifestsOk);
        QCOMPARE(countRequests(QStringLiteral("/oauth2/token")), 1);
        QCOMPARE(countRequests(QStringLiteral("/acr/v1/hello-world/"), 401), 0);
    }

    // One of two requests waiting for a token is aborted: the other still gets it.
    void abortingOneWaiterLeavesTheSharedTokenToTheOther()
    {
        auto client = admin();
        BERTH_VERIFY_OK(await(client->listRepositories()));
        m_emu->clearRequests();
        QPointer<RegistryJob> aborted = client->listManifests(QStringLiteral("hello-world"));
        auto *kept = client->listTags(QStringLiteral("hello-world"));
        // Aborted while both wait: the token request has reached the registry, its answer not
        // the client.
        QObject scope; // disconnects at the end of the test
        connect(m_emu.get(), &AcrEmulator::served, &scope, [&](const QString &path) {
            if (path == u"/oauth2/token" && aborted)
                aborted->abort();
        });
        BERTH_VERIFY_OK(await(kept));
        QVERIFY(!aborted);
        QCOMPARE(countRequests(QStringLiteral("/oauth2/token")), 1); // not aborted, not asked again
    }

    // A page asked with readAhead brings the page after it on its way as soon as its answer
    // is in; asking for that page then takes it over (no second request), once only.
    void aPageAskedAheadIsTakenOverOnce()
    {
        auto client = admin();
        const QString repo = QStringLiteral("hello-world");
        const auto sized = [](int pageSize, int readAhead) {
            ListOptions options;
            options.pageSize = pageSize;
            options.readAhead = readAhead;
            return options;
        };
        BERTH_VERIFY_OK(await(client->tagPage(repo, sized(1, 0)))); // token, capabilities
        m_emu->clearRequests();
        const QString tags = QStringLiteral("/acr/v1/hello-world/_tags");
        const auto first = await(client->tagPage(repo, sized(1, 1)));
        BERTH_VERIFY_OK(first);
        QTRY_COMPARE(countRequests(tags, 200), 2); // the first page and the one after it
        QCOMPARE(client->readAhead().size(), 1);
        const auto second = await(client->tagPage(repo, sized(1, 0), first->next));
        BERTH_VERIFY_OK(second);
        QCOMPARE(countRequests(tags), 2); // taken over, not asked again
        QCOMPARE(client->readAhead().size(), 0);
        QCOMPARE(first->items.size(), 1);
        QCOMPARE(first->items.first().name, QStringLiteral("latest"));
        QCOMPARE(second->items.size(), 1);
        QCOMPARE(second->items.first().name, QStringLiteral("v1"));
        QVERIFY(!second->next.isEmpty()); // v2 follows
        // Once only: the same page again is a request of its own, with the same rows.
        const auto again = await(client->tagPage(repo, sized(1, 0), first->next));
        BERTH_VERIFY_OK(again);
        QCOMPARE(countRequests(tags), 3);
        QCOMPARE(again->items.size(), second->items.size());
        QCOMPARE(again->next, second->next);
    }

    void shortLivedTokensKeepWorking()
    {
        m_emu->setTokenLifetime(2);
        auto client = admin();
        BERTH_VERIFY_OK(await(client->listTags(QStringLiteral("hello-world"))));
        m_emu->advanceClock(3); // the registry now sees that token as expired
        m_emu->clearRequests();
        BERTH_VERIFY_OK(await(client->listTags(QStringLiteral("hello-world"))));
        QCOMPARE(countRequests(QStringLiteral("/oauth2/token")), 1); // a fresh token, once
    }

    void insufficientScopeEndsWithoutLoop()
    {
        m_emu->addUser(QStringLiteral("reader"), QStringLiteral("r"),
                       {QStringLiteral("pull"), QStringLiteral("metadata_read")});
        auto client = makeClient(
            m_emu->url(), Credentials::password(QStringLiteral("reader"), QStringLiteral("r")));
        BERTH_VERIFY_OK(
            await(client->getTag(QStringLiteral("hello-world"), QStringLiteral("latest"))));
        m_emu->clearRequests();
        ChangeableAttributes lock;
        lock.writeEnabled = false;
        const auto r = await(
            client->updateTag(QStringLiteral("hello-world"), QStringLiteral("latest"), lock));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Unauthorized);
        // Known by the challenge, not by the (translated) message.
        QVERIFY(r.error().insufficientScope);
        QCOMPARE(r.error().kind(), ErrorKind::Permission);
        // The sign-in is known from getTag: the token comes before the PATCH, whose
        // insufficient_scope answer ends it.
        QCOMPARE(countRequests(QStringLiteral("/oauth2/token")), 1);
        QCOMPARE(countRequests(QStringLiteral("/acr/v1/hello-world/_tags/latest")), 1);
    }

    // A client destroyed while a request waits for the token it asked for up front (the
    // challenge known from an earlier call): the request ends ABORTED, once, without touching
    // the connection, which is gone by then (the sanitizer build reports such a use).
    void clientGoneWhileAnUpFrontTokenIsOnItsWay()
    {
        auto client = admin();
        BERTH_VERIFY_OK(
            await(client->getTag(QStringLiteral("hello-world"), QStringLiteral("latest"))));
        ChangeableAttributes lock;
        lock.writeEnabled = true;
        auto *job
            = client->updateTag(QStringLiteral("hello-world"), QStringLiteral("latest"), lock);
        QSignalSpy finished(job, &RegistryJob::finished);
        client.reset();
        QCOMPARE(finished.count(), 1);
    }

    void refreshTokenCredentials()
    {
        const QString refresh = m_emu->issueRefreshToken(m_user);
        auto client = makeClient(m_emu->url(),
                                 Credentials::password(Credentials::RefreshTokenUser, refresh));
        BERTH_VERIFY_OK(await(client->listRepositories()));
        bool posted = false;
        for (const auto &r : m_emu->requests())
            posted |= r.method == "POST" && r.path == u"/oauth2/token";
        QVERIFY(posted);
    }

    void aadTokenIsExchangedThenUsed()
    {
        m_emu->addAadToken(QStringLiteral("aad-token-123"), QStringLiteral("tenant-1"));
        auto client
            = makeClient(m_emu->url(), Credentials::aadToken(QStringLiteral("aad-token-123"),
                                                             QStringLiteral("tenant-1")));
        BERTH_VERIFY_OK(await(client->listRepositories()));
        QCOMPARE(countRequests(QStringLiteral("/oauth2/exchange"), 200), 1);
        // A refused AAD token is UNAUTHORIZED.
        auto wrong
            = makeClient(m_emu->url(), Credentials::aadToken(QStringLiteral("not-registered")));
        const auto r = await(wrong->listRepositories());
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Unauthorized);
    }

    void invalidNamesFailBeforeAnyRequest()
    {
        auto client = admin();
        m_emu->clearRequests();
        const auto r = await(client->getTag(QStringLiteral("../etc"), QStringLiteral("latest")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        const auto d = await(
            client->deleteManifest(QStringLiteral("hello-world"), QStringLiteral("sha256:zz")));
        QVERIFY(!d);
        QCOMPARE(d.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(m_emu->requests().size(), 0);
    }

    void abortEndsOnceWithAborted()
    {
        auto client = admin();
        Job<QStringList> *job = client->listRepositories();
        const QPointer<RegistryJob> alive(job);
        int finished = 0;
        connect(job, &RegistryJob::finished, this, [&finished] { ++finished; });
        job->abort();
        const auto r = await(job);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Aborted);
        // Once the job is gone nothing more can come: anything it had queued came before.
        QVERIFY(QTest::qWaitFor([&] { return alive.isNull(); }, 5000));
        QCOMPARE(finished, 1);
    }
};

QTEST_GUILESS_MAIN(tst_ClientEmulator)
#include "tst_client_emulator.moc"
