const res = await fetch("/api/health");
const { status, version } = await res.json();
document.getElementById("status").textContent = `Rose ${version}: ${status}`;
