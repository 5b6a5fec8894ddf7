"""The event-hazard model: how likely a change of the world's facts is in a window, from its history.

``facts`` indexes a vintage of the world (spells, happenings, places); ``hazard`` holds the
discrete-time hazard maths (pooled and shrunk rates, the window's probability); ``world_models``
sends each kind of change to its family's module (``membership_chain``, ``leader_hazard``,
``sanctions_and_events``, ``control_hazard``), which answers it with them; ``questions``
and ``places`` say what a question about the facts means and resolve it. The registry entry is
:mod:`postsoviet.models.registry.event_hazard`; the page is ``docs/models/event_hazard.md``.
"""
