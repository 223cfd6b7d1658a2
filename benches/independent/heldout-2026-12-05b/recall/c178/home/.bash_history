ls -la
cd projects/agent
export ANTHROPIC_API_KEY=sk-ant-api03-ItsWRChnb2mOYP-JIMfcMLCkCN-Jl3fcOTgguyU1fFNmUpxeir1C1JDrKEU6QPXXj8gLSoJ7-YX7POz08mOJwTimLE4xiAA
python run_agent.py --task triage
