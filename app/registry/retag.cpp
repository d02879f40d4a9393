#include "registry/retag.h"

#include "registry/registryclient.h"
#include "registry/registrytr.h"

namespace Berth {

Job<QString> *
retag(RegistryClient *client, const QString &repo, const QString &reference, const QString &newTag)
{
    auto *job = new Job<QString>(client);
    Job<ManifestContent> *get = client->getManifest(repo, reference);
    job->setInner(get);
    QObject::connect(get, &RegistryJob::finished, job, [client, job, get, repo, newTag] {
        const Result<ManifestContent> &manifest = get->result();
        if (!manifest)
            return job->fail(manifest.error());
        Job<QString> *put = client->putManifest(repo, newTag, manifest->body, manifest->mediaType);
        job->setInner(put);
        QObject::connect(put, &RegistryJob::finished, job, [job, put, repo, newTag] {
            const Result<QString> &stored = put->result();
            if (stored || stored.error().kind() != ErrorKind::Locked)
                return job->complete(stored);
            RegistryError refused = stored.error();
            refused.message = RegistryTr::tr("Cannot tag %1:%2: the repository or the tag is "
                                             "locked against writes (%3)")
                                  .arg(repo, newTag, stored.error().message);
            job->fail(refused);
        });
    });
    return job;
}

} // namespace Berth
