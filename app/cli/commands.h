#pragma once

#include "cli/arguments.h"
#include "cli/output.h"
#include "core/job.h"
#include "core/reference.h"
#include "transfer/imagepull.h"
#include "upload/blobupload.h"

#include <QObject>
#include <QSettings>

#include <functional>
#include <memory>
#include <optional>

namespace Berth {
class RegistryClient;
struct ConnectionSettings;
struct ListOptions;
struct PlanItem;
struct PurgeOutcome;
struct PurgePlan;
} // namespace Berth

namespace Berth::Cli {

// The window's settings: QSettings "Berth"/"Berth", or the ini file named by BERTH_SETTINGS.
std::unique_ptr<QSettings> openSettings();
// copy: the registry SRC names ("host[:port]"), else empty (copycommands.cpp).
QString sourceRegistry(const Arguments &args);
// copy: the destination's password, from `readStdin` with --dest-password-stdin, else from
// BERTH_DEST_PASSWORD when --dest-username is given; empty without one.
Result<QString> destinationPassword(const Arguments &args, Result<QString> (*readStdin)());

// Runs one berth-cli command against a client and reports the process exit code once.
class CommandRunner : public QObject
{
    Q_OBJECT
public:
    CommandRunner(const Arguments &args, RegistryClient *client, QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    void done(int exitCode);

private:
    void repoCommand(const QString &verb);
    void tagCommand(const QString &verb);
    void manifestCommand(const QString &verb);
    void blobCommand(const QString &verb);
    void check();
    void blobGet();
    void blobGetToFile();
    void blobMount();
    void blobPush(const QString &repo, const QString &path);
    void imagePush();
    void imagePull();
    void finishPull(const ImagePullResult &pulled, const QString &layoutDir);
    void tagAdd();      // copycommands.cpp
    void copyCommand(); // copycommands.cpp
    void copyTo(RegistryClient *destination, const Reference &source, const Reference &target);
    // The destination's client: this one, or one for another registry (owned by this).
    void withDestination(const QString &host, const std::function<void(RegistryClient *)> &then);
    void repoSize(); // cli/cleanupcommands.cpp
    void purge();
    void whenPlanned(Job<PurgePlan> *planner);
    void ranPlan(Job<PurgeOutcome> *run, const QList<PlanItem> &kept);
    BlobUploadOptions blobOptions() const;
    std::shared_ptr<ProgressLine> progressOf(RegistryJob *job);

    void usageError(const QString &message);
    // Operands after the two command words; fails with a usage error if the count is off.
    bool operands(int count);
    // Operand checks before anything is sent: false after a usage error (exit 2).
    bool checkRepository(const QString &name);
    bool checkDigest(const QString &digest);
    bool checkFrom(); // --from, when given
    // The operand `text` as a reference with what `needs`; std::nullopt after a usage error.
    std::optional<Reference> referenceOperand(const QString &text, ReferenceNeeds needs);
    // `show`, `update` or `delete` of one tag or manifest (`noun`): its operand as a reference
    // with what `needs`; std::nullopt after a usage error (an unknown verb among them).
    std::optional<Reference>
    itemReference(const QString &verb, const QString &noun, ReferenceNeeds needs);
    template<typename T, typename F>
    void whenDone(Job<T> *job, F &&onSuccess);
    // When `job` succeeds: its item's JSON, raw with -o json, else as "key: value" lines.
    template<typename T>
    void showWhenDone(Job<T> *job)
    {
        whenDone(job, [this](const T &item) {
            m_args.json ? printJson(item.json) : printObject(item.json);
        });
    }
    // When `job` succeeds: "Deleted <what>." (nothing with -o json).
    void reportDeleted(Job<Done> *job, const QString &what);
    // `tag list` and `manifest list`: the repository operand checked, then `list` of it
    // with -n and --orderby, printed by `printText` or as -o json.
    template<typename T>
    void listCommand(Job<QList<T>> *(RegistryClient::*list)(const QString &, const ListOptions &),
                     void (*printText)(const QList<T> &));

    Arguments m_args;
    RegistryClient *m_client;
};

// Prints the error and reports 1, or runs `onSuccess` and reports 0.
template<typename T, typename F>
void CommandRunner::whenDone(Job<T> *job, F &&onSuccess)
{
    QObject::connect(job, &RegistryJob::finished, this,
                     [this, job, fn = std::forward<F>(onSuccess)] {
                         const Result<T> &r = job->result();
                         if (!r) {
                             printError(r.error());
                             Q_EMIT done(1);
                             return;
                         }
                         fn(*r);
                         Q_EMIT done(0);
                     });
}

} // namespace Berth::Cli
