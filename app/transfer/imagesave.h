#pragma once

#include "transfer/imagepull.h"

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
// counts the pull's blob bytes.
class ImageSave : public Job<ImagePullResult>
{
    Q_OBJECT
public:
    ImageSave(RegistryClient *client, const ImageSaveRequest &request, QObject *parent = nullptr);

    // Where the layout is gathered for an archive at `archivePath`.
    static QString stagingDir(const QString &archivePath);

private:
    void pack(const ImagePullResult &pulled);

    ImageSaveRequest m_request;
    QString m_layout;
};

} // namespace Berth
