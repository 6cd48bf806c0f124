"""Query planning: turn a client operation into a plan of subgraph fetches."""

from router.planning.operation import PlanningError
from router.planning.planner import QueryPlanner
from router.planning.printer import plan_to_json, print_plan

__all__ = ["PlanningError", "QueryPlanner", "plan_to_json", "print_plan"]
