resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([
    {
      name  = "api"
      image = "acme/api:1.2.3"
      environment = [
        {
          name  = "STRIPE_SIGNING_SECRET"
          value = "ZhGjWt1jirmh3GhHUwxbpiw9je8G0PjaXPTuZi9f"
        },
      ]
    }
  ])
}
