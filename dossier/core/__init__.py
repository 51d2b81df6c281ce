"""The Qt-free core: storage, domain rules, import, search. Never imports Qt."""
