#pragma once

#include "transfer/imagepull.h"

#include <atomic>
#include <memory>

namespace Berth {

// The formats an image is saved to disk in.
enum class SaveFormat {
    OciLayout,     // an OCI image layout directory
    OciArchive,    // that layout as a tar (skopeo's oci-archive:)
    DockerArchive, // a docker-archive tar (podman load, docker load): one image, not an index
};

// What to save where.
struct ImageSaveRequest
{
    QString repo;
    QString reference; // a tag or a digest
    QString path;
    SaveFormat format = SaveFormat::OciLayout;
    ImagePullOptions pull; // its refName names the image in the layout
    QString repoTag;       // the docker archive's RepoTags entry (host/repo:tag; empty: none)
};

// Saves the request's `repo`'s `reference` at `path` in `format`: an ImagePull into the layout at
// `path` (OciLayout) or into a staging layout beside it (`path` + ".berth-pull", kept after a
// failure so that the next save goes on from it), then, for an archive, the packing on a
// pool thread (never on the caller's: a window stays responsive), which writes under a
// temporary name and renames when complete, and removes the staging layout. progress()
// counts the pull's blob bytes. An abort (or destroying the job) while packing stops the
// pool thread's work at its next 1 MiB slice: the temporary file goes, nothing is left under
// `path`, and the staging layout stays for the next save.
class ImageSave : public Job<ImagePullResult>
{
    Q_OBJECT
public:
    ImageSave(RegistryClient *client, const ImageSaveRequest &request, QObject *parent = nullptr);
    ~ImageSave() override;

    // Where the layout is gathered for an archive at `archivePath`.
    static QString stagingDir(const QString &archivePath);

Q_SIGNALS:
    // The pull is complete; an archive is being packed now (not for an OCI layout).
    void packingStarted();

protected:
    void onAbort() override;

private:
    void pack(const ImagePullResult &pulled);

    ImageSaveRequest m_request;
    QString m_layout;
    // Shared with the packing task, which may outlive this job.
    std::shared_ptr<std::atomic<bool>> m_cancelled = std::make_shared<std::atomic<bool>>(false);
};

} // namespace Berth
