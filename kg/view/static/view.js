// kg view: click a column heading to sort its table (numbers as numbers); a second click reverses.
document.querySelectorAll("table.sortable th").forEach((th) => th.addEventListener("click", () => {
  const body = th.closest("table").tBodies[0], column = th.cellIndex;
  const order = th.dataset.order === "up" ? -1 : 1;
  th.dataset.order = order > 0 ? "up" : "down";
  const key = (row) => row.cells[column].dataset.sort ?? row.cells[column].textContent.trim();
  const rows = [...body.rows].sort((a, b) => {
    const x = key(a), y = key(b), nx = Number(x), ny = Number(y);
    const numbers = x !== "" && y !== "" && !Number.isNaN(nx) && !Number.isNaN(ny);
    return order * (numbers ? nx - ny : x.localeCompare(y));
  });
  body.append(...rows);
}));
