extension StatusPage {
  /// The page's only stylesheet, inline so the page needs nothing else: dark text on light
  /// ground, system fonts, and each row marked on the left with its state's colour.
  static let css = """
    :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d8dee4;
      --paper: #ffffff; --canvas: #f5f7f9; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--canvas); color: var(--ink);
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    header { background: var(--paper); border-bottom: 1px solid var(--line); padding: 18px 32px 16px; }
    header .top { display: flex; align-items: baseline; justify-content: space-between; gap: 16px;
      flex-wrap: wrap; }
    h1 { font-size: 22px; margin: 0; letter-spacing: -0.01em; }
    h1 small { font-size: 15px; font-weight: 400; color: var(--muted); margin-left: 10px; }
    h2 { font-size: 16px; margin: 0 0 10px; }
    .generated { margin: 0; color: var(--muted); }
    .legend { list-style: none; margin: 14px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 8px 22px; }
    .legend li { display: flex; align-items: center; gap: 7px; font-size: 13px; color: var(--muted); }
    .legend .count { font-weight: 600; color: var(--ink); font-variant-numeric: tabular-nums; }
    main { padding: 24px 32px 40px; }
    section { margin-bottom: 28px; }
    table { width: 100%; border-collapse: separate; border-spacing: 0; background: var(--paper);
      border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
    th, td { text-align: left; vertical-align: top; padding: 9px 12px; border-bottom: 1px solid var(--line); }
    thead th { background: #eef1f4; color: var(--muted); font-size: 12px; font-weight: 600;
      text-transform: uppercase; letter-spacing: 0.04em; }
    tbody:last-child tr:last-child > * { border-bottom: 0; }
    tbody tr > :first-child { box-shadow: inset 4px 0 0 var(--state, transparent); }
    tbody th { font-weight: 400; }
    tr.parent { background: #fafbfc; }
    tr.group > :first-child { padding-left: 34px; }
    .run-name { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px;
      font-weight: 600; white-space: nowrap; }
    .state { display: inline-block; padding: 2px 9px; border-radius: 999px; font-size: 11.5px;
      font-weight: 700; letter-spacing: 0.04em; white-space: nowrap; }
    time { font-variant-numeric: tabular-nums; white-space: nowrap; }
    .ago { display: block; color: var(--muted); font-size: 12px; }
    .reason { max-width: 52ch; }
    .muted, .empty { color: var(--muted); }
    .empty { margin: 0; padding: 14px 16px; background: var(--paper); border: 1px solid var(--line);
      border-radius: 8px; }
    td.empty { border: 0; border-radius: 0; }
    ul.deliveries { list-style: none; margin: 0; padding: 0; white-space: nowrap; }
    .outcome b { font-weight: 600; }
    .outcome.ok b { color: var(--ok); }
    .outcome.bad b { color: var(--bad); }
    .outcome.warn b { color: var(--warn); }
    .outcome.quiet b { color: var(--muted); font-weight: 500; }
    .tests, td:nth-child(6) { white-space: nowrap; }
    .failed-count { color: var(--bad); font-weight: 600; }
    .chip { display: inline-block; margin: 0 4px 2px 0; padding: 0 8px; border: 1px solid var(--line);
      border-radius: 999px; background: var(--canvas); font-size: 12px; }
    .problems { padding: 12px 16px; border-left: 4px solid var(--bad); border-radius: 6px;
      background: #fff5f5; }
    .problems ul { margin: 0; padding-left: 18px; }
    h2 small { font-size: 12px; font-weight: 400; margin-left: 8px; }
    table.series tbody > tr > * { vertical-align: middle; }
    ol.strip { list-style: none; margin: 0; padding: 0; display: flex; gap: 3px; }
    ol.strip li { width: 16px; height: 22px; border-radius: 3px; }
    .hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    """
}
