"""Signal receivers of the press app, connected in PressConfig.ready()."""

from press.publishing import announce_release, is_live_now


def announce_on_publication(sender, instance, revision=None, **kwargs):
    """Announce a release the first time it goes live; later publications and scheduling send nothing."""
    if is_live_now(instance):
        announce_release(instance)
