"""The event-hazard model: how likely a change of the world's facts is in a window, from its history.

``facts`` indexes a vintage of the world (spells, happenings, places); ``hazard`` holds the
discrete-time hazard maths (pooled and shrunk rates, the window's probability); ``world_models``
answers each kind of change (membership, leader, sanctions, event, control) with it; ``questions``
and ``places`` say what a question about the facts means and resolve it. The registry entry is
:mod:`postsoviet.models.registry.event_hazard`; the page is ``docs/models/event_hazard.md``.
"""
