// UploadWorker against the ACR emulator: the queue as the UI sees it. The engine runs on the
// worker's thread while the emulator serves from this one, so every wait here spins this
// thread's event loop (bounded). Statuses are recorded in the order the worker reports them.

#include "core/sha256.h"
#include "fixtures/clienttest.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/ocilayout.h"
#include "upload/uploadworker.h"
#include "uploadtest.h"

#include <QEventLoop>
#include <QHash>
#include <QJsonObject>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>
#include <utility>

using namespace Berth;
using namespace Berth::Test;

namespace {

// The test's own list of the states that hold a slot, independent of Berth::isRunning.
bool isWorking(UploadState state)
{
    return state == UploadState::Hashing || state == UploadState::Checking
           || state == UploadState::Sending || state == UploadState::Retrying
           || state == UploadState::Committing;
}

// Everything one worker reported, in order, and the most entries it ever had running.
class Recorder : public QObject
{
public:
    explicit Recorder(UploadWorker *worker)
    {
        connect(worker, &UploadWorker::added, this, [this](int id) { m_added.append(id); });
        connect(worker, &UploadWorker::statusChanged, this, [this](const UploadStatus &s) {
            m_statuses.append(s);
            m_states.insert(s.id, s.state);
            int running = 0;
            for (UploadState state : std::as_const(m_states))
                running += isWorking(state) ? 1 : 0;
            m_maxRunning = qMax(m_maxRunning, running);
            if (onStatus)
                onStatus(s); // before this thread serves the emulator's next request
        });
        connect(worker, &UploadWorker::finished, this,
                [this](const UploadStatus &s) { m_finished.append(s); });
    }

    // Runs inside statusChanged: reacts to a status before the upload goes much further.
    std::function<void(const UploadStatus &)> onStatus;

    QList<int> added() const { return m_added; }
    int maxRunning() const { return m_maxRunning; }
    QList<UploadStatus> statuses(int id) const
    {
        QList<UploadStatus> out;
        for (const UploadStatus &s : m_statuses) {
            if (s.id == id)
                out.append(s);
        }
        return out;
    }
    UploadStatus last(int id) const
    {
        const QList<UploadStatus> all = statuses(id);
        return all.isEmpty() ? UploadStatus{} : all.last();
    }
    QList<UploadStatus> finished(int id) const
    {
        QList<UploadStatus> out;
        for (const UploadStatus &s : m_finished) {
            if (s.id == id)
                out.append(s);
        }
        return out;
    }
    int finishedCount() const { return int(m_finished.size()); }
    bool seen(int id, const std::function<bool(const UploadStatus &)> &match) const
    {
        for (const UploadStatus &s : m_statuses) {
            if (s.id == id && match(s))
                return true;
        }
        return false;
    }

private:
    QList<int> m_added;
    QList<UploadStatus> m_statuses;
    QList<UploadStatus> m_finished;
    QHash<int, UploadState> m_states;
    int m_maxRunning = 0;
};

// Spins a real event loop (the emulator needs it) until `done()` or `timeoutMs`.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(5);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

// Counts what Qt prints when QThread::terminate() kills a thread in its event loop (the
// forced unwind passes through QEventLoop::exec), from any thread, while it exists.
class TerminationWatch
{
public:
    TerminationWatch()
    {
        s_count.storeRelease(0);
        s_previous = qInstallMessageHandler(&TerminationWatch::handle);
    }
    ~TerminationWatch() { qInstallMessageHandler(s_previous); }
    int count() const { return s_count.loadAcquire(); }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (message.contains(u"exception thrown from an event handler"))
            s_count.ref();
        if (s_previous)
            s_previous(type, context, message);
    }
    static inline QAtomicInt s_count;
    static inline QtMessageHandler s_previous = nullptr;
};

QString stateName(UploadState state)
{
    static const char *const names[]
        = {"Queued",     "Hashing", "Checking", "Sending", "Retrying",
           "Committing", "Paused",  "Done",     "Failed",  "Cancelled"};
    return QString::fromLatin1(names[int(state)]);
}

QByteArray describe(const UploadStatus &s)
{
    return QStringLiteral("#%1 %2 %3/%4 %5 B/s %6")
        .arg(s.id)
        .arg(stateName(s.state))
        .arg(s.sent)
        .arg(s.total)
        .arg(s.bytesPerSecond, 0, 'f', 0)
        .arg(s.message)
        .toUtf8();
}

} // namespace

class tst_UploadWorker : public EmulatorFixture
{
    Q_OBJECT

public:
    tst_UploadWorker()
        : EmulatorFixture(QStringLiteral("admin"), QStringLiteral("pw-worker-1"), Content::Empty)
    {}

private:
    QTemporaryDir m_dir;

    ConnectionSettings settings() const
    {
        ConnectionSettings s;
        s.registry = *normalizeRegistryUrl(m_emu->url().toString(), false);
        s.credentials = Credentials::password(m_user, m_password);
        return s;
    }
    static UploadRequest blob(const QString &repo, const QString &path, qint64 chunkSize)
    {
        UploadRequest r;
        r.kind = UploadRequest::Kind::Blob;
        r.repository = repo;
        r.path = path;
        r.chunkSize = chunkSize;
        return r;
    }
    int countAny(const QString &pathPrefix) const
    {
        int n = 0;
        for (const auto &r : m_emu->requests())
            n += r.path.startsWith(pathPrefix) ? 1 : 0;
        return n;
    }
    static bool waitFinal(const Recorder &rec, int id, int timeoutMs = 90000)
    {
        return spinUntil([&] { return !rec.finished(id).isEmpty(); }, timeoutMs);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(startEmulator());
    }

    void runsAtMostMaxConcurrentEntriesAndFinishesEachOnce()
    {
        UploadWorker worker(settings(), 2);
        Recorder rec(&worker);
        QStringList digests;
        QList<int> ids;
        for (int i = 0; i < 5; ++i) {
            const QString path = writePatternFile(m_dir, QStringLiteral("bounded%1").arg(i),
                                                  (3 << 20) + i * 1000, 10 + i);
            digests << Sha256::digestOf(readAll(path));
            ids << worker.enqueue(blob(QStringLiteral("w/bounded"), path, 256 << 10));
        }
        QVERIFY(spinUntil([&] { return rec.finishedCount() >= 5; }, 120000));
        QVERIFY2(rec.maxRunning() <= 2, QByteArray::number(rec.maxRunning()).constData());
        QCOMPARE(rec.maxRunning(), 2); // the small chunks made two of them overlap
        for (int i = 0; i < ids.size(); ++i) {
            const UploadStatus last = rec.last(ids.at(i));
            QVERIFY2(last.state == UploadState::Done, describe(last).constData());
            QCOMPARE(last.digest, digests.at(i));
            QCOMPARE(rec.finished(ids.at(i)).size(), 1);
            QCOMPARE(rec.finished(ids.at(i)).first().state, UploadState::Done);
        }
        QCOMPARE(worker.activeCount(), 0);
    }

    void reportsGrowingProgressARateWhileSendingAndTheDigestWhenDone()
    {
        const qint64 size = 32 << 20;
        const QString path = writePatternFile(m_dir, QStringLiteral("progress"), size, 20);
        UploadWorker worker(settings(), 1);
        Recorder rec(&worker);
        const int id = worker.enqueue(blob(QStringLiteral("w/progress"), path, 128 << 10));
        QVERIFY(waitFinal(rec, id));
        const QList<UploadStatus> all = rec.statuses(id);
        qint64 sent = 0;
        bool measured = false;
        bool sending = false;
        for (const UploadStatus &s : all) {
            QVERIFY2(s.sent >= sent, describe(s).constData());
            QCOMPARE(s.total, size);
            sent = s.sent;
            measured |= isWorking(s.state) && s.bytesPerSecond > 0;
            sending |= s.state == UploadState::Sending && s.bytesPerSecond > 0;
        }
        QVERIFY2(measured, "no status carried a rate while the bytes went up");
        if (!sending) {
            for (const UploadStatus &s : all)
                qInfo() << describe(s);
        }
        QVERIFY2(sending, "no Sending status carried a rate");
        const UploadStatus done = all.last();
        QVERIFY2(done.state == UploadState::Done, describe(done).constData());
        QCOMPARE(done.sent, size);
        QCOMPARE(done.digest, Sha256::digestOf(readAll(path)));
        QVERIFY(!done.message.isEmpty());
        QCOMPARE(done.bytesPerSecond, 0.0);
    }

    void cancellingAQueuedEntrySendsNothingForIt()
    {
        const QString big = writePatternFile(m_dir, QStringLiteral("first"), 24 << 20, 30);
        const QString small = writePatternFile(m_dir, QStringLiteral("queued"), 1 << 20, 31);
        UploadWorker worker(settings(), 1);
        Recorder rec(&worker);
        const int first = worker.enqueue(blob(QStringLiteral("w/first"), big, 256 << 10));
        const int queued = worker.enqueue(blob(QStringLiteral("w/queued"), small, 256 << 10));
        QVERIFY(spinUntil(
            [&] {
                return rec.seen(
                    first, [](const UploadStatus &s) { return isWorking(s.state) && s.sent > 0; });
            },
            30000));
        QCOMPARE(rec.last(queued).state, UploadState::Queued);
        worker.cancel(queued);
        QVERIFY(waitFinal(rec, queued));
        QCOMPARE(rec.last(queued).state, UploadState::Cancelled);
        QVERIFY(waitFinal(rec, first)); // the freed slot does not start the cancelled entry
        QVERIFY2(rec.last(first).state == UploadState::Done, describe(rec.last(first)).constData());
        QCOMPARE(rec.finished(queued).size(), 1);
        QCOMPARE(countAny(QStringLiteral("/v2/w/queued/")), 0);
        for (const UploadStatus &s : rec.statuses(queued))
            QVERIFY2(s.state == UploadState::Queued || s.state == UploadState::Cancelled,
                     describe(s).constData());
    }

    void cancellingARunningUploadDeletesItsSession()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("cancel"), 16 << 20, 40);
        UploadWorker worker(settings(), 2);
        Recorder rec(&worker);
        const int id = worker.enqueue(blob(QStringLiteral("w/cancel"), path, 256 << 10));
        bool cancelled = false;
        rec.onStatus = [&](const UploadStatus &s) {
            if (!cancelled && s.id == id && isWorking(s.state) && s.sent >= (1 << 20)) {
                cancelled = true;
                worker.cancel(id);
            }
        };
        QVERIFY(waitFinal(rec, id));
        QVERIFY(cancelled);
        QVERIFY2(rec.last(id).state == UploadState::Cancelled, describe(rec.last(id)).constData());
        QCOMPARE(rec.finished(id).size(), 1);
        const QString uploads = QStringLiteral("/v2/w/cancel/blobs/uploads/");
        QTRY_COMPARE_WITH_TIMEOUT(count("DELETE", uploads), 1, 10000);
        QCOMPARE(count("POST", uploads), 1); // the one session, and it was deleted
        QCOMPARE(count("PUT", uploads), 0);
    }

    void pauseStopsSendingAndResumeFinishesTheUpload()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("pause"), 32 << 20, 50);
        UploadWorker worker(settings(), 1);
        Recorder rec(&worker);
        const int id = worker.enqueue(blob(QStringLiteral("w/pause"), path, 128 << 10));
        bool pausing = false;
        rec.onStatus = [&](const UploadStatus &s) {
            if (!pausing && s.id == id && isWorking(s.state) && s.sent >= (1 << 20)) {
                pausing = true;
                worker.pause(id);
            }
        };
        QVERIFY(spinUntil(
            [&] {
                return rec.seen(
                    id, [](const UploadStatus &s) { return s.state == UploadState::Paused; });
            },
            30000));
        QCOMPARE(rec.last(id).state, UploadState::Paused);
        QVERIFY(serverCaughtUp(m_emu->url())); // the PATCH the pause cut is logged, if it arrived
        const QString session = QStringLiteral("/v2/w/pause/blobs/uploads/");
        const int patches = count("PATCH", session);
        // Paused means paused: no further PATCH may arrive (bounded look).
        QVERIFY(!QTest::qWaitFor([&] { return count("PATCH", session) != patches; }, 300));
        QCOMPARE(rec.last(id).state, UploadState::Paused);
        QVERIFY(rec.finished(id).isEmpty());
        worker.resume(id);
        QVERIFY(waitFinal(rec, id));
        const UploadStatus done = rec.last(id);
        QVERIFY2(done.state == UploadState::Done, describe(done).constData());
        QCOMPARE(done.digest, Sha256::digestOf(readAll(path)));
        QCOMPARE(done.sent, qint64(32 << 20));
        QCOMPARE(count("PUT", session), 1);
    }

    void resumingWhileTheQueueIsFullWaitsForAFreeSlot()
    {
        // maxConcurrent 1: pausing A lets B start; resuming A must not run both at once.
        const QString pathA = writePatternFile(m_dir, QStringLiteral("slotA"), 16 << 20, 51);
        const QString pathB = writePatternFile(m_dir, QStringLiteral("slotB"), 16 << 20, 52);
        UploadWorker worker(settings(), 1);
        Recorder rec(&worker);
        const int a = worker.enqueue(blob(QStringLiteral("w/slot-a"), pathA, 128 << 10));
        const int b = worker.enqueue(blob(QStringLiteral("w/slot-b"), pathB, 128 << 10));
        bool paused = false;
        bool resumed = false;
        rec.onStatus = [&](const UploadStatus &s) {
            if (!paused && s.id == a && isWorking(s.state) && s.sent >= (1 << 20)) {
                paused = true;
                worker.pause(a);
            }
            if (paused && !resumed && s.id == b && isWorking(s.state) && s.sent >= (1 << 20)) {
                resumed = true;
                worker.resume(a); // B is running: A must wait
            }
        };
        QVERIFY(waitFinal(rec, a));
        QVERIFY(waitFinal(rec, b));
        QVERIFY(resumed);
        QCOMPARE(rec.maxRunning(), 1);
        QCOMPARE(rec.last(a).state, UploadState::Done);
        QCOMPARE(rec.last(a).digest, Sha256::digestOf(readAll(pathA)));
        QCOMPARE(rec.last(b).state, UploadState::Done);
    }

    void aFailedEntryRetriedUnderTheSameIdEndsDone()
    {
        const QString path = m_dir.filePath(QStringLiteral("late.bin"));
        UploadWorker worker(settings(), 2);
        Recorder rec(&worker);
        const int id = worker.enqueue(blob(QStringLiteral("w/retry"), path, 64 << 10));
        QVERIFY(waitFinal(rec, id));
        const UploadStatus failed = rec.last(id);
        QVERIFY2(failed.state == UploadState::Failed, describe(failed).constData());
        QVERIFY2(failed.message.contains(path), describe(failed).constData());
        QCOMPARE(countAny(QStringLiteral("/v2/w/retry/")), 0);

        QCOMPARE(writePatternFile(m_dir, QStringLiteral("late.bin"), 300000, 60), path);
        worker.retry(id);
        QVERIFY(spinUntil([&] { return rec.finished(id).size() >= 2; }, 60000));
        const UploadStatus done = rec.last(id);
        QVERIFY2(done.state == UploadState::Done, describe(done).constData());
        QCOMPARE(done.digest, Sha256::digestOf(readAll(path)));
        QCOMPARE(done.sent, qint64(300000));
        QCOMPARE(done.total, qint64(300000));
        QCOMPARE(rec.finished(id).size(), 2);  // once per attempt
        QCOMPARE(rec.added(), QList<int>{id}); // no new entry
        QCOMPARE(worker.activeCount(), 0);
    }

    void pushesAnOciLayoutAsAnImageUnderItsTag()
    {
        OciLayoutSpec spec;
        spec.layerSizes = {1000, 300000, 2 << 20, 50000};
        spec.seed = 7;
        const auto layout = buildOciLayout(m_dir.filePath(QStringLiteral("layout")), spec);
        QVERIFY2(layout, qPrintable(layout.error()));
        UploadWorker worker(settings(), 2);
        Recorder rec(&worker);
        UploadRequest request;
        request.kind = UploadRequest::Kind::Image;
        request.repository = QStringLiteral("w/image");
        request.path = layout->path;
        request.tag = QStringLiteral("v1");
        request.chunkSize = 256 << 10;
        const int id = worker.enqueue(request);
        QVERIFY(waitFinal(rec, id));
        const UploadStatus done = rec.last(id);
        QVERIFY2(done.state == UploadState::Done, describe(done).constData());
        QCOMPARE(done.digest, layout->ref.digest);
        QVERIFY(done.total > 0);
        QCOMPARE(done.sent, done.total);

        auto c = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        const auto head = await(c->headManifest(QStringLiteral("w/image"), QStringLiteral("v1")));
        BERTH_VERIFY_OK(head);
        QVERIFY(head->has_value());
        QCOMPARE((*head)->digest, layout->ref.digest);
    }

    void anArtifactIntoALockedRepositoryFailsSayingItMayBeLocked()
    {
        const QString repo = QStringLiteral("w/locked");
        m_emu->putBlob(repo, "already here");
        m_emu->setRepositoryAttributes(repo, QJsonObject{{QStringLiteral("writeEnabled"), false}});
        const QString path = writePatternFile(m_dir, QStringLiteral("artifact.txt"), 5000, 70);
        UploadWorker worker(settings(), 2);
        Recorder rec(&worker);
        UploadRequest request;
        request.kind = UploadRequest::Kind::Artifact;
        request.repository = repo;
        request.path = path;
        request.tag = QStringLiteral("file");
        const int id = worker.enqueue(request);
        QVERIFY(waitFinal(rec, id));
        const UploadStatus failed = rec.last(id);
        QVERIFY2(failed.state == UploadState::Failed, describe(failed).constData());
        QVERIFY2(failed.message.contains(u"locked"), describe(failed).constData());
        QVERIFY(failed.digest.isEmpty());

        auto c = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        const auto head = await(c->headManifest(repo, QStringLiteral("file")));
        BERTH_VERIFY_OK(head);
        QVERIFY(!head->has_value()); // nothing was tagged
    }

    // The decompressed copy of an archive that came with a push (from the window's listing)
    // is let go as the push ends, failed here: a retry decompresses the archive anew, and no
    // copy of a large archive stays on disk for a row nobody retries.
    void aDecompressedCopyIsLetGoWhenThePushEnds()
    {
        auto copy = std::make_shared<QTemporaryFile>();
        QVERIFY(copy->open());
        copy->write("not a tar");
        copy->close();
        copy->moveToThread(nullptr); // as listImages() hands it over
        const std::weak_ptr<QTemporaryFile> watch = copy;
        UploadWorker worker(settings(), 1);
        Recorder rec(&worker);
        UploadRequest request;
        request.kind = UploadRequest::Kind::Image;
        request.repository = QStringLiteral("w/decompressed");
        request.path = m_dir.filePath(QStringLiteral("gone.tar.gz"));
        request.tag = QStringLiteral("v1");
        request.decompressed = std::exchange(copy, nullptr);
        const int id = worker.enqueue(request);
        request.decompressed.reset();
        QVERIFY(waitFinal(rec, id));
        QCOMPARE(rec.last(id).state, UploadState::Failed);
        QVERIFY(worker.request(id).decompressed == nullptr); // never kept by the worker
        QVERIFY(spinUntil([&watch] { return watch.expired(); }, 10000));
    }

    void destroyingAnIdleWorkerEndsItsThreadWithoutTerminatingIt()
    {
        TerminationWatch watch;
        {
            UploadWorker worker(settings(), 1);
            Recorder rec(&worker);
            const QString path = writePatternFile(m_dir, QStringLiteral("idle"), 1000, 90);
            const int id = worker.enqueue(blob(QStringLiteral("w/idle"), path, -1));
            QVERIFY(waitFinal(rec, id));
            QCOMPARE(rec.last(id).state, UploadState::Done);
        }
        QCOMPARE(watch.count(), 0);
    }

    void destroyingTheWorkerMidUploadReturnsAndDeletesTheSession()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("destroy"), 32 << 20, 80);
        TerminationWatch watch;
        auto worker = std::make_unique<UploadWorker>(settings(), 1);
        auto rec = std::make_unique<Recorder>(worker.get());
        const int id = worker->enqueue(blob(QStringLiteral("w/destroy"), path, 256 << 10));
        QVERIFY(spinUntil(
            [&] {
                return rec->seen(id, [](const UploadStatus &s) {
                    return isWorking(s.state) && s.sent >= (1 << 20);
                });
            },
            30000));
        QVERIFY(rec->finished(id).isEmpty());
        const QString uploads = QStringLiteral("/v2/w/destroy/blobs/uploads/");
        QCOMPARE(count("DELETE", uploads), 0);
        rec.reset();
        QPointer<QThread> thread = worker->findChild<QThread *>();
        QVERIFY(thread);
        worker.reset(); // returns at once: cancels on the upload thread, never waits for it
        // Had the destructor waited, the thread would have stopped (and been deleted) by now.
        QVERIFY(thread && thread->isRunning());
        QCOMPARE(UploadWorker::stoppingCount(), 1);
        // This thread was free all along: the emulator (on it) answers the session's DELETE.
        QTRY_COMPARE_WITH_TIMEOUT(count("DELETE", uploads), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(thread.isNull(), 10000); // stopped and deleted itself
        QCOMPARE(UploadWorker::stoppingCount(), 0);
        QCOMPARE(count("PUT", uploads), 0);
        QCOMPARE(watch.count(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_UploadWorker)
#include "tst_uploadworker.moc"
