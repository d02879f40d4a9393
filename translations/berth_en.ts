<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Berth::ActionsController</name>
    <message numerus="yes">
        <source>All %n tag(s) of %1 are selected: loading those not loaded yet…</source>
        <translation>
            <numerusform>The %n tag of %1 is selected: loading it…</numerusform>
            <numerusform>All %n tags of %1 are selected: loading those not loaded yet…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n manifest(s) of %1 are selected: loading those not loaded yet…</source>
        <translation>
            <numerusform>The %n manifest of %1 is selected: loading it…</numerusform>
            <numerusform>All %n manifests of %1 are selected: loading those not loaded yet…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %1 (%n items)</source>
        <translation>
            <numerusform>Copied %1 (%n item)</numerusform>
            <numerusform>Copied %1 (%n items)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n item(s) from %1</source>
        <translation>
            <numerusform>Deleted %n item from %1</numerusform>
            <numerusform>Deleted %n items from %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::AzureCliToken</name>
    <message numerus="yes">
        <source>The Azure CLI did not answer within %n second(s); run &quot;az login&quot; in a terminal, then try again, or paste a token.</source>
        <translation>
            <numerusform>The Azure CLI did not answer within %n second; run &quot;az login&quot; in a terminal, then try again, or paste a token.</numerusform>
            <numerusform>The Azure CLI did not answer within %n seconds; run &quot;az login&quot; in a terminal, then try again, or paste a token.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::CleanupDialog</name>
    <message numerus="yes">
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n tag</numerusform>
            <numerusform>%n tags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n manifest</numerusform>
            <numerusform>%n manifests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::CredentialHelper</name>
    <message numerus="yes">
        <source>%1 did not answer within %n second(s).</source>
        <translation>
            <numerusform>%1 did not answer within %n second.</numerusform>
            <numerusform>%1 did not answer within %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::DeleteDialog</name>
    <message numerus="yes">
        <source>Delete these %n tags from %1? The manifests they point to stay.</source>
        <translation>
            <numerusform>Delete this %n tag from %1? The manifest it points to stays.</numerusform>
            <numerusform>Delete these %n tags from %1? The manifests they point to stay.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the manifest %1@%2? These %n tag(s) point to it and will be deleted with it:</source>
        <translation>
            <numerusform>Delete the manifest %1@%2? This %n tag points to it and will be deleted with it:</numerusform>
            <numerusform>Delete the manifest %1@%2? These %n tags point to it and will be deleted with it:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n tag</numerusform>
            <numerusform>%n tags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n manifest</numerusform>
            <numerusform>%n manifests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::DialogText</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::ImageMoveController</name>
    <message numerus="yes">
        <source>%n image(s) of %1</source>
        <translation>
            <numerusform>%n image of %1</numerusform>
            <numerusform>%n images of %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::IndexReferencesBox</name>
    <message numerus="yes">
        <source>%n index(es) in this repository list this manifest as one of their platforms. Deleting only the manifest breaks them: they keep listing it, and pulling that platform fails.</source>
        <translation>
            <numerusform>%n index in this repository lists this manifest as one of its platforms. Deleting only the manifest breaks it: it keeps listing it, and pulling that platform fails.</numerusform>
            <numerusform>%n indexes in this repository list this manifest as one of their platforms. Deleting only the manifest breaks them: they keep listing it, and pulling that platform fails.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also delete the %n index(es)</source>
        <translation>
            <numerusform>Also delete the %n index</numerusform>
            <numerusform>Also delete the %n indexes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also delete the %n index(es), with their tags: %1</source>
        <translation>
            <numerusform>Also delete the %n index, with its tags: %1</numerusform>
            <numerusform>Also delete the %n indexes, with their tags: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete only this manifest, and leave the %n index(es) broken</source>
        <translation>
            <numerusform>Delete only this manifest, and leave the %n index broken</numerusform>
            <numerusform>Delete only this manifest, and leave the %n indexes broken</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::LockDialog</name>
    <message numerus="yes">
        <source>Lock attributes of %n tags in %1</source>
        <translation>
            <numerusform>Lock attributes of %n tag in %1</numerusform>
            <numerusform>Lock attributes of %n tags in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Applying the change to %n item(s)…</source>
        <translation>
            <numerusform>Applying the change to %n item…</numerusform>
            <numerusform>Applying the change to %n items…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n item(s) were changed; Apply tries the others again.</source>
        <translation>
            <numerusform>%1 of %n item was changed; Apply tries the others again.</numerusform>
            <numerusform>%1 of %n items were changed; Apply tries the others again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::ManifestView</name>
    <message numerus="yes">
        <source>%n layer(s), %1</source>
        <translation>
            <numerusform>%n layer, %1</numerusform>
            <numerusform>%n layers, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n manifest</numerusform>
            <numerusform>%n manifests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::PagingState</name>
    <message numerus="yes">
        <source>Stopped after %n pages: the registry keeps sending more.</source>
        <translation>
            <numerusform>Stopped after %n page: the registry keeps sending more.</numerusform>
            <numerusform>Stopped after %n pages: the registry keeps sending more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::PushImageDialog</name>
    <message numerus="yes">
        <source>“%1” holds %n image(s). Push this one to %2:</source>
        <translation>
            <numerusform>“%1” holds %n image. Push this one to %2:</numerusform>
            <numerusform>“%1” holds %n images. Push this one to %2:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::RegistriesController</name>
    <message numerus="yes">
        <source>Its %n running upload(s) will be cancelled.</source>
        <translation>
            <numerusform>Its %n running upload will be cancelled.</numerusform>
            <numerusform>Its %n running uploads will be cancelled.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::RepositoryPane</name>
    <message numerus="yes">
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n tag</numerusform>
            <numerusform>%n tags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n manifest</numerusform>
            <numerusform>%n manifests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No tags match “%1” — %n tag(s) in all</source>
        <translation>
            <numerusform>No tags match “%1” — %n tag in all</numerusform>
            <numerusform>No tags match “%1” — %n tags in all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No manifests match “%1” — %n manifest(s) in all</source>
        <translation>
            <numerusform>No manifests match “%1” — %n manifest in all</numerusform>
            <numerusform>No manifests match “%1” — %n manifests in all</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::RepositorySearch</name>
    <message numerus="yes">
        <source>%1 of %n repositories loaded so far, loading the rest…</source>
        <translation>
            <numerusform>%1 of %n repository loaded so far, loading the rest…</numerusform>
            <numerusform>%1 of %n repositories loaded so far, loading the rest…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n repositories</source>
        <translation>
            <numerusform>%1 of %n repository</numerusform>
            <numerusform>%1 of %n repositories</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::TransfersController</name>
    <message numerus="yes">
        <source>%n upload(s) are still running.</source>
        <translation>
            <numerusform>%n upload is still running.</numerusform>
            <numerusform>%n uploads are still running.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) are still running.</source>
        <translation>
            <numerusform>%n transfer is still running.</numerusform>
            <numerusform>%n transfers are still running.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Berth::UploadDock</name>
    <message numerus="yes">
        <source>%n running</source>
        <translation>
            <numerusform>%n running</numerusform>
            <numerusform>%n running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n paused</numerusform>
            <numerusform>%n paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
</context>
</TS>
